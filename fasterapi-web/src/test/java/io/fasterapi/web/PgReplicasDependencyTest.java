package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.pg.PgPool;
import io.fasterapi.pg.PgReplicas;
import io.fasterapi.testing.TestPostgres;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code PgDepends.session(replicas)}: a request gets a {@link PgReplicas.Session}, closed after the
 * response; the primary's pool is checked by {@code /ready}; the pools' per-host meters reach
 * {@code /metrics} tagged {@code host}. Both pools point at the one test server here: which server a
 * read lands on is {@code PgReplicasTest}'s business (fasterapi-pg, with a real standby).
 */
class PgReplicasDependencyTest {
    public static class Routes {
        @Get("/read")
        public Map<String, Object> read(PgReplicas.Session db) {
            int one = db.reads().exec("SELECT 1").scalar(Integer.class);
            return Map.of("one", one, "wrote", db.wrote());
        }

        @Post("/write")
        public Map<String, Object> write(PgReplicas.Session db) {
            db.writes().exec("SELECT 1");
            return Map.of("wrote", db.wrote(), "readsOnTheWriteHandle", db.reads() == db.writes());
        }
    }

    @Test
    void eachRequestGetsASessionClosedAfterItsResponseAndThePoolsShowTheirHostsInMetrics() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (PgReplicas db = PgReplicas.of(
                PgPool.builder(TestPostgres.dsn()).threads(1).maxSize(2).metrics(registry, "primary").build(),
                PgPool.builder(TestPostgres.dsn()).threads(1).maxSize(2).metrics(registry, "replicas").build());
             TestClient client = TestClient.of(App.create().reactor(db.primary().reactor()).metrics(registry)
                     .provide(PgReplicas.Session.class, PgDepends.session(db)).include(new Routes()))) {
            assertThat(client.get("/read").json(Map.class)).isEqualTo(Map.of("one", 1, "wrote", false));
            assertThat(client.post("/write", Map.of()).json(Map.class))
                    .isEqualTo(Map.of("wrote", true, "readsOnTheWriteHandle", true));
            assertThat(client.get("/read").json(Map.class)).as("a new request, a new session")
                    .isEqualTo(Map.of("one", 1, "wrote", false));
            assertThat(db.primary().stats().inUse()).isZero();
            assertThat(db.replicas().stats().inUse()).isZero();

            TestResponse ready = client.get("/ready");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.text()).contains("postgres");

            String host = db.primary().stats().hosts().get(0).address();
            String metrics = client.get("/metrics").text();
            assertThat(metrics).containsPattern("fasterapi_pg_pool_host_up\\{host=\"" + java.util.regex.Pattern.quote(host)
                    + "\",pool=\"primary\"} 1\\.0");
            assertThat(metrics).contains("fasterapi_pg_pool_host_connections{host=\"" + host + "\",pool=\"replicas\"}");
            assertThat(metrics).contains("fasterapi_pg_pool_host_failures_total{host=\"" + host + "\",pool=\"primary\"} 0.0");
        }
    }
}
