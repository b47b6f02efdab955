package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.core.Future;
import io.fasterapi.core.Promise;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /health} (liveness) and {@code /ready} (readiness with pluggable checks). */
class HealthTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void healthAnswersOkWhileTheServerRuns() {
        try (TestClient client = TestClient.of(App.create())) {
            TestResponse r = client.get("/health");
            assertThat(r.status()).isEqualTo(200);
            assertThat(JSON.readTree(r.text())).isEqualTo(JSON.readTree("{\"status\":\"ok\"}"));
        }
    }

    @Test
    void readyWithoutChecksIsReady() {
        try (TestClient client = TestClient.of(App.create())) {
            TestResponse r = client.get("/ready");
            assertThat(r.status()).isEqualTo(200);
            assertThat(JSON.readTree(r.text())).isEqualTo(JSON.readTree("{\"status\":\"ready\",\"checks\":{}}"));
        }
    }

    @Test
    void readyFollowsItsBlockingAndAsyncChecks() {
        AtomicBoolean db = new AtomicBoolean(true);
        App app = App.create()
                .readinessCheck("postgres", db::get)
                .readinessCheckAsync("cache", () -> Future.ready(true));
        try (TestClient client = TestClient.of(app)) {
            TestResponse up = client.get("/ready");
            assertThat(up.status()).isEqualTo(200);
            assertThat(JSON.readTree(up.text())).isEqualTo(JSON.readTree(
                    "{\"status\":\"ready\",\"checks\":{\"postgres\":\"up\",\"cache\":\"up\"}}"));

            db.set(false);
            TestResponse down = client.get("/ready");
            assertThat(down.status()).isEqualTo(503);
            assertThat(JSON.readTree(down.text())).isEqualTo(JSON.readTree(
                    "{\"status\":\"unavailable\",\"checks\":{\"postgres\":\"down\",\"cache\":\"up\"}}"));

            db.set(true);
            assertThat(client.get("/ready").status()).isEqualTo(200);
        }
    }

    @Test
    void aFailingCheckIsDownAndItsMessageIsNotSent() {
        App app = App.create().readinessCheck("postgres", () -> {
            throw new IllegalStateException("cannot reach db.internal:5432 as app/s3cret");
        });
        try (TestClient client = TestClient.of(app)) {
            TestResponse r = client.get("/ready");
            assertThat(r.status()).isEqualTo(503);
            assertThat(JSON.readTree(r.text()).path("checks").path("postgres").asString()).isEqualTo("down");
            assertThat(r.text()).doesNotContain("db.internal", "s3cret");
        }
    }

    @Test
    void aSlowOrSilentCheckTimesOutWithinTheBudget() {
        Promise<Boolean> never = new Promise<>();
        App app = App.create()
                .readinessCheck("slow", () -> {
                    try {
                        Thread.sleep(10_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return true;
                })
                .readinessCheckAsync("silent", never::future);
        try (TestClient client = TestClient.of(app)) {
            long start = System.nanoTime();
            TestResponse r = client.get("/ready");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.status()).isEqualTo(503);
            JsonNode checks = JSON.readTree(r.text()).path("checks");
            assertThat(checks.path("slow").asString()).isEqualTo("timeout");
            assertThat(checks.path("silent").asString()).isEqualTo("timeout");
            assertThat(millis).as("answered after the 1 s budget, not after the 10 s check").isBetween(900L, 5_000L);
        }
    }

    @Test
    void aCheckNameIsRegisteredOnce() {
        App app = App.create().readinessCheck("postgres", () -> true);
        assertThatThrownBy(() -> app.readinessCheck("postgres", () -> true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("postgres");
    }
}
