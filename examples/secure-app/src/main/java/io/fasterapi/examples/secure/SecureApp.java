package io.fasterapi.examples.secure;

import io.fasterapi.core.Reactor;
import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import io.fasterapi.web.App;
import io.fasterapi.web.PgDepends;
import io.fasterapi.web.security.BearerToken;
import io.fasterapi.web.security.OAuth2PasswordBearer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FastAPI's security tutorial as a FasterAPI app: log in at {@code POST /token} with the OAuth2
 * password flow (users in PostgreSQL, passwords hashed with PBKDF2), get an HS256 JWT, and call
 * routes that require scopes. Swagger UI at {@code /docs} logs in through its Authorize button.
 *
 * <p>Configuration: {@code $FASTERAPI_PG_URL}, {@code $PORT} (8000), and {@code $SECURE_APP_JWT_SECRET}
 * (at least 32 bytes; without it a random key is made per start, with a warning).
 */
public final class SecureApp {
    private static final Logger log = LoggerFactory.getLogger(SecureApp.class);

    private SecureApp() {
    }

    /** The app over {@code pool}, with users in {@code users}, hashing with {@code hasher}, signing with {@code tokens}. */
    public static App create(PgPool pool, UserStore users, PasswordHasher hasher, TokenService tokens) {
        return App.create().reactor(pool.reactor())
                .info("FasterAPI secure example", "0.1.0")
                .provide(Pg.class, PgDepends.from(pool))
                .provide(BearerToken.class, OAuth2PasswordBearer.tokenUrl("/token").scopes(Roles.SCOPES))
                .provideFrom(CurrentUser.class, new CurrentUserFactory(tokens, users))
                .provideFrom(ActiveUser.class, new ActiveUserFactory())
                .include(new SecureRoutes(users, hasher, tokens));
    }

    /** The signing key from {@code $SECURE_APP_JWT_SECRET}, or a random one with a warning (never printing either). */
    static byte[] secretFromEnvironment() {
        String configured = System.getenv("SECURE_APP_JWT_SECRET");
        if (configured == null || configured.isEmpty()) {
            log.warn("SECURE_APP_JWT_SECRET is not set: signing tokens with a random development key made for this "
                    + "process (tokens stop working when it restarts); set it to at least 32 random bytes in production");
            return TokenService.randomSecret();
        }
        return configured.getBytes(StandardCharsets.UTF_8);
    }

    /** Serves until SIGTERM or Ctrl-C. */
    public static void main(String[] args) {
        String dsn = System.getenv().getOrDefault("FASTERAPI_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres");
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8000"));
        TokenService tokens = new TokenService(secretFromEnvironment(), Duration.ofMinutes(30), Clock.systemUTC());
        PasswordHasher hasher = new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS);
        UserStore users = new UserStore("secure_app");
        Reactor reactor = Reactor.create();
        // minSize(1): each core's shard connects as the pool is built, while the routes compile
        PgPool pool = PgPool.builder(dsn).reactor(reactor).minSize(1).build();
        App app = create(pool, users, hasher, tokens);
        // the first query, before the server listens: an unreachable database or a wrong password fails the
        // start, and App.run logs one line and exits
        app.onStartup(() -> users.createIfMissing(pool, hasher));
        app.onShutdown(() -> {
            pool.close();
            reactor.close();
        });
        app.run(port);
    }
}
