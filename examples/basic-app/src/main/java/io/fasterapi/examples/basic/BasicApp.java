package io.fasterapi.examples.basic;

import io.fasterapi.core.Reactor;
import io.fasterapi.pg.PgPool;
import io.fasterapi.pg.Pg;
import io.fasterapi.web.AccessLogFormat;
import io.fasterapi.web.App;
import io.fasterapi.web.PgDepends;
import io.fasterapi.web.ServerOptions;
import io.fasterapi.web.RouteInfo;
import io.fasterapi.web.Router;
import java.time.Duration;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.Map;
import org.slf4j.event.Level;

/**
 * The example app that {@code scripts/run-example.sh} starts on http://127.0.0.1:8000.
 *
 * <p>The web server and the PostgreSQL pool share one {@link Reactor}, so a request and its
 * queries stay on one core.
 */
public final class BasicApp {
    private BasicApp() {
    }

    /** The app's routes over {@code pool}. */
    public static App create(PgPool pool) {
        return create(App.create(), pool);
    }

    /**
     * The app's routes over {@code pool}, added to {@code app}: an app whose metrics were switched on
     * before the pool was built ({@link ShopObservability}), so the registry's filters come before any meter.
     */
    public static App create(App app, PgPool pool) {
        app.reactor(pool.reactor())
                .info("FasterAPI example shop", "0.1.0")
                .provide(Pg.class, PgDepends.from(pool))     // seed: get_pg_factory(pool); released after the response
                .provideInstance(PgPool.class, pool)         // app-wide: no request closes it
                .tag("shop", "Items, stock and purchases, kept in PostgreSQL.")
                .tag("misc", "Greetings and the database's version.")
                .include(Router.of(new ShopRoutes()).tags("shop"));
        app.get("/hello", req -> Map.of("message", "hello"),
                RouteInfo.none().withSummary("Say hello").withTags("misc"));
        // Asynchronous: runs on the request's event loop, the query goes to that core's pool shard.
        app.getAsync("/db/version", req -> pool.execAsync("SELECT version()")
                .map(r -> Map.of("version", r.scalar(String.class))),
                RouteInfo.none().withSummary("PostgreSQL's version").withTags("misc"));
        return app;
    }

    /**
     * The server's options as {@link #main} runs it: listening on {@code $HOST} (default 127.0.0.1), with
     * the access log on in its JSON form at INFO: a line per request with its request and trace ids,
     * route template, status and time, never the query string or the credentials
     * (docs/observability.md; {@code ACCESS_LOG=false} turns it off, as scripts/cluster.sh does for its
     * throughput runs); and with {@code $DRAIN_DELAY_MS} (default 0) as the drain delay of a
     * graceful stop: behind a load balancer that polls {@code /ready}, SIGTERM then turns
     * {@code /ready} 503 and keeps serving that long before the port closes (docs/deployment.md).
     */
    public static ServerOptions serverOptions(Map<String, String> env) {
        return ServerOptions.builder()
                .host(env.getOrDefault("HOST", "127.0.0.1"))
                .drainDelay(Duration.ofMillis(Long.parseLong(env.getOrDefault("DRAIN_DELAY_MS", "0"))))
                .accessLog(!"false".equalsIgnoreCase(env.get("ACCESS_LOG")))
                .accessLogFormat(AccessLogFormat.JSON)
                .accessLogLevel(Level.INFO)
                .build();
    }

    /**
     * Serves on {@code $HOST} (default 127.0.0.1; 0.0.0.0 for every interface) and {@code $PORT}
     * (default 8000) with PostgreSQL from {@code $FASTERAPI_PG_URL} (default: user postgres on
     * 127.0.0.1:5432), until SIGTERM or Ctrl-C; metrics at {@code /metrics}, and traces when
     * {@code $FASTERAPI_TRACING} is {@code logging} ({@link ShopObservability}). When it cannot start (a bad DSN or port, a wrong
     * password, the database unreachable, the port taken) it prints one line saying why on stderr and
     * exits with a non-zero status within seconds, so that a supervisor restarts it.
     */
    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        PgPool pool;
        int port;
        ServerOptions options;
        MeterRegistry registry;
        OpenTelemetrySdk otel;
        App app;
        try {
            port = Integer.parseInt(env.getOrDefault("PORT", "8000"));
            options = serverOptions(env);
            // The pool's own reactor starts only once the DSN parsed: a bad DSN leaves no thread behind.
            registry = ShopObservability.registry();
            otel = ShopObservability.openTelemetry(env);
            // The app's metrics first: it adds a filter to the registry, which must come before the pool's meters.
            app = ShopObservability.observe(App.create(), registry, otel);
            // minSize(1): each core's shard connects as the pool is built, while the routes compile, and keeps
            // that connection; the first requests (and the schema's check below) find it open.
            pool = ShopObservability.observe(PgPool.builder(
                    env.getOrDefault("FASTERAPI_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")), registry, otel)
                    .minSize(1)
                    .build();
        } catch (RuntimeException e) { // the driver's messages never show the password
            System.err.println("basic-app: cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        // /metrics (Prometheus), and spans when FASTERAPI_TRACING names an exporter (ShopObservability).
        create(app, pool).options(options);
        // The first connection is made here: a wrong password or an unreachable server fails the start,
        // and App.run logs one line and exits.
        app.onStartup(() -> ShopSchema.createIfMissing(pool));
        app.onShutdown(pool::close); // also stops the pool's reactor, which the server shares
        if (otel != null) {
            app.onShutdown(otel::close); // flushes the spans still batched
        }
        app.run(port);
    }
}
