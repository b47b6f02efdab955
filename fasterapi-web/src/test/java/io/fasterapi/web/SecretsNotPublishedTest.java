package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A database password in an app's configuration never reaches {@code /metrics}, {@code /openapi.json}
 * or {@code /ready}, wherever the DSN ended up: a dependency's settings, a parameter's default, a
 * pool gauge's tag and description, a readiness check's name.
 */
class SecretsNotPublishedTest {
    static final String PASSWORD = "s3cret-Pa55";
    static final String DSN = "postgres://shop:" + PASSWORD + "@db.internal:5432/shop?sslmode=require";
    static final String KEY_VALUE_DSN = "host=db.internal user=shop password=" + PASSWORD + " dbname=shop";

    /** Settings a real app would load from its environment; it holds the password. */
    public record DbSettings(String dsn) {
    }

    /** A request-scoped repository configured from the settings. */
    public static final class Repo {
        final DbSettings settings;

        Repo(DbSettings settings) {
            this.settings = settings;
        }

        String database() {
            return settings.dsn().substring(settings.dsn().lastIndexOf('/') + 1, settings.dsn().indexOf('?'));
        }
    }

    public static class Routes {
        @Get("/db")
        public String db(Repo repo, @DefaultValue(DSN) String target) {
            return repo.database();
        }
    }

    @Test
    void aPasswordBearingDsnIsMaskedInMetricsOpenApiAndReadiness() {
        DbSettings settings = new DbSettings(DSN);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        App app = App.create()
                .info("Shop", "1.0", "Connects to " + KEY_VALUE_DSN)
                .metrics(registry)
                .provide(Repo.class, () -> new Repo(settings))
                .readinessCheck("postgres " + DSN, () -> true)
                .include(new Routes());
        // What a pool that tags its meters with its DSN would register.
        AtomicInteger open = new AtomicInteger(3);
        Gauge.builder("db.pool.connections", open, AtomicInteger::get)
                .description("open connections of " + KEY_VALUE_DSN)
                .tag("dsn", DSN)
                .register(registry);

        try (TestClient client = TestClient.of(app)) {
            assertThat(client.get("/db").json(String.class)).isEqualTo("shop");

            String metrics = client.get("/metrics").text();
            assertThat(metrics).doesNotContain(PASSWORD);
            assertThat(metrics).as("the gauge is there, its tag masked")
                    .contains("dsn=\"postgres://shop:***@db.internal:5432/shop?sslmode=require\"")
                    .contains("password=***");

            String openapi = client.get("/openapi.json").text();
            assertThat(openapi).doesNotContain(PASSWORD);
            assertThat(openapi).as("the default is documented, masked")
                    .contains("postgres://shop:***@db.internal:5432/shop?sslmode=require")
                    .contains("password=*** dbname=shop");

            String ready = client.get("/ready").text();
            assertThat(ready).doesNotContain(PASSWORD).contains("postgres://shop:***@db.internal");
        }
        assertThat(registry.get("db.pool.connections").gauge().getId().getTag("dsn")).doesNotContain(PASSWORD);
    }
}
