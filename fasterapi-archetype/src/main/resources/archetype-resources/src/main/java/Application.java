package ${package};

import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import io.fasterapi.web.App;
import io.fasterapi.web.ServerOptions;
import java.util.Map;

/** Builds the app from its settings: routes, and the database routes when a DATABASE_URL is set. */
public final class Application {
    private Application() {
    }

    public static App create(AppSettings settings) {
        App app = App.create()
                .info("${artifactId}", "${version}")
                .options(ServerOptions.builder().host(settings.host()).build())
                .include(new ItemRoutes(new ItemStore()));
        app.get("/hello", request -> Map.of("message", "Hello from ${artifactId}"));
        settings.databaseUrl().ifPresent(dsn -> app
                .lifespan(PgPool.class, opened -> PgPool.create(dsn.reveal()))          // opened at start, closed at stop
                .provide(Pg.class, request -> request.dependency(PgPool.class).get())   // a connection per request
                .include(new DatabaseRoutes()));
        return app;
    }
}
