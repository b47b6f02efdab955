package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import io.fasterapi.testing.CapturedStderr;
import io.fasterapi.testing.TestPostgres;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, security: an app whose pool was built from a password-bearing DSN, with
 * {@link PgDepends#from(PgPool)}, the pool's Micrometer meters and a readiness check on it. Neither
 * the password nor the DSN shows in {@code /metrics}, {@code /openapi.json}, {@code /ready}, any
 * error answer (500 for a failed statement, 503 while the database is down) or the log lines
 * written meanwhile. The shared test server trusts its clients, so it never asks for the password:
 * the pool still holds it, which is what this test is about; when the configured DSN already
 * carries a password, that real one is the secret checked.
 */
class PgPasswordNotPublishedTest {
    static final String DISTINCTIVE = "w3b-Le4k/Pr0be:pw@x";

    public static class Routes {
        @Get("/items/{id}")
        public int item(int id, Pg pg) {
            return pg.exec("SELECT $1::int * 2", id).scalar(Integer.class);
        }

        @Get("/broken")
        public int broken(Pg pg) {
            return pg.exec("SELECT * FROM no_such_table_here").scalar(Integer.class);
        }

        @Get("/syntax")
        public int syntax(Pg pg) {
            return pg.exec("SELEC 1").scalar(Integer.class);
        }
    }

    /** The test server's DSN with a password in it, and that password. */
    record Secret(String dsn, String password) {
        List<String> forms() {
            return List.of(password, URLEncoder.encode(password, StandardCharsets.UTF_8), dsn);
        }
    }

    static Secret secretDsn() {
        String base = TestPostgres.dsn();
        int scheme = base.indexOf("://");
        if (scheme < 0) {
            int at = base.indexOf("password=");
            if (at >= 0) {
                String rest = base.substring(at + "password=".length());
                return new Secret(base, rest.split("\\s+")[0].replace("'", ""));
            }
            return new Secret(base + " password='" + DISTINCTIVE + "'", DISTINCTIVE);
        }
        int authorityEnd = base.indexOf('/', scheme + 3);
        String authority = base.substring(scheme + 3, authorityEnd < 0 ? base.length() : authorityEnd);
        int at = authority.lastIndexOf('@');
        String userInfo = at < 0 ? "" : authority.substring(0, at);
        if (userInfo.contains(":")) {
            return new Secret(base, java.net.URLDecoder.decode(userInfo.substring(userInfo.indexOf(':') + 1),
                    StandardCharsets.UTF_8));
        }
        String user = userInfo.isEmpty() ? "postgres" : userInfo;
        String withPassword = base.substring(0, scheme + 3) + user + ":" + URLEncoder.encode(DISTINCTIVE,
                StandardCharsets.UTF_8) + "@" + base.substring(scheme + 3 + (at < 0 ? 0 : at + 1));
        return new Secret(withPassword, DISTINCTIVE);
    }

    private static void assertClean(Secret secret, String what, String text) {
        for (String form : secret.forms()) {
            assertThat(text).as("%s shows the password or DSN:%n%s", what, text).doesNotContain(form);
        }
    }

    /** Runs {@code body} with System.err (slf4j-simple's target) copied; returns what was logged. */
    private static String capturingLogs(Runnable body) {
        try (CapturedStderr captured = CapturedStderr.start()) {
            body.run();
            return captured.text();
        }
    }

    private static App app(PgPool pool, PrometheusMeterRegistry registry) {
        return App.create().reactor(pool.reactor()).metrics(registry)
                .provide(Pg.class, PgDepends.from(pool))
                .readinessCheckAsync("postgres", pool::ping)
                .include(new Routes());
    }

    @Test
    void aLiveAppShowsNeitherPasswordNorDsn() {
        Secret secret = secretDsn();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List<String> bodies = new ArrayList<>();
        String logs;
        try (PgPool pool = PgPool.builder(secret.dsn()).threads(1).maxSize(2).metrics(registry, "shop").build()) {
            logs = capturingLogs(() -> {
                try (TestClient client = TestClient.of(app(pool, registry))) {
                    assertThat(client.get("/items/21").text()).isEqualTo("42");
                    TestResponse broken = client.get("/broken");
                    assertThat(broken.status()).isEqualTo(500);
                    TestResponse syntax = client.get("/syntax");
                    assertThat(syntax.status()).isEqualTo(500);
                    TestResponse ready = client.get("/ready");
                    assertThat(ready.status()).isEqualTo(200);
                    String metrics = client.get("/metrics").text();
                    assertThat(metrics).as("the pool's meters are published").contains("fasterapi_pg_pool_connections")
                            .contains("pool=\"shop\"");
                    bodies.addAll(List.of(broken.text(), syntax.text(), ready.text(), metrics,
                            client.get("/openapi.json").text(), client.get("/nowhere").text()));
                }
            });
        }
        for (String body : bodies) {
            assertClean(secret, "a response body", body);
        }
        assertClean(secret, "the logs", logs);
    }

    @Test
    void aDatabaseThatIsDownIs503WithoutPasswordOrDsn() {
        Secret secret = secretDsn();
        Function<String, String> down = dsn -> dsn.replaceFirst("@[^/]*/", "@127.0.0.1:1/")
                + (dsn.contains("?") ? "&" : "?") + "connect_timeout=2";
        String downDsn = secret.dsn().contains("://") ? down.apply(secret.dsn())
                : secret.dsn().replaceAll("(host|port)=\\S+", "") + " host=127.0.0.1 port=1 connect_timeout=2";
        Secret downSecret = new Secret(downDsn, secret.password());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List<String> bodies = new ArrayList<>();
        String logs;
        try (PgPool pool = PgPool.builder(downDsn).threads(1).maxSize(2).acquireTimeout(Duration.ofSeconds(5))
                .metrics(registry, "shop").build()) {
            logs = capturingLogs(() -> {
                try (TestClient client = TestClient.of(app(pool, registry))) {
                    TestResponse item = client.get("/items/1");
                    assertThat(item.status()).isEqualTo(503);
                    assertThat(item.header("retry-after")).isEqualTo("1");
                    TestResponse ready = client.get("/ready");
                    assertThat(ready.status()).isEqualTo(503);
                    bodies.addAll(List.of(item.text(), ready.text(), client.get("/metrics").text(),
                            client.get("/openapi.json").text()));
                }
            });
        }
        for (String body : bodies) {
            assertClean(downSecret, "a response body", body);
        }
        assertClean(downSecret, "the logs", logs);
    }
}
