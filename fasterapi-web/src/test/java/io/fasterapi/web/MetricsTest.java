package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Request timers per route template, method and status, and {@code /metrics} in Prometheus format. */
class MetricsTest {
    public record Item(int id, String name) {
    }

    public static class Routes {
        @Get("/items/{itemId}")
        public Item getItem(int itemId) {
            if (itemId == 0) {
                throw new HttpException(404, "Item not found");
            }
            return new Item(itemId, "widget");
        }

        @Post("/items") @Status(201)
        public Item create(Item item) {
            return item;
        }
    }

    private static Timer timer(MeterRegistry registry, String method, String route, String status) {
        return registry.find("http.server.requests").tags("method", method, "route", route, "status", status).timer();
    }

    @Test
    void timesEachRouteTemplateMethodAndStatusAndServesThemToPrometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (TestClient client = TestClient.of(App.create().metrics(registry).include(new Routes()))) {
            assertThat(client.get("/items/1").status()).isEqualTo(200);
            assertThat(client.get("/items/2").status()).isEqualTo(200);
            assertThat(client.get("/items/0").status()).isEqualTo(404);
            assertThat(client.get("/items/abc").status()).isEqualTo(422);
            assertThat(client.post("/items", new Item(7, "bolt")).status()).isEqualTo(201);
            assertThat(client.get("/nowhere/42").status()).isEqualTo(404);

            assertThat(timer(registry, "GET", "/items/{itemId}", "200").count()).isEqualTo(2);
            assertThat(timer(registry, "GET", "/items/{itemId}", "200").totalTime(TimeUnit.NANOSECONDS)).isPositive();
            assertThat(timer(registry, "GET", "/items/{itemId}", "404").count()).isEqualTo(1);
            assertThat(timer(registry, "GET", "/items/{itemId}", "422").count()).isEqualTo(1);
            assertThat(timer(registry, "POST", "/items", "201").count()).isEqualTo(1);
            assertThat(timer(registry, "GET", "UNMATCHED", "404").count()).isEqualTo(1);

            TestResponse metrics = client.get("/metrics");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.header("content-type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            assertThat(metrics.text())
                    .containsPattern(Pattern.quote("http_server_requests_seconds_count{method=\"GET\","
                            + "route=\"/items/{itemId}\",status=\"200\"} 2"))
                    .contains("http_server_requests_seconds_sum{method=\"POST\",route=\"/items\",status=\"201\"}")
                    .contains("route=\"UNMATCHED\",status=\"404\"")
                    .doesNotContain("route=\"/items/1\"", "/nowhere");
        }
    }

    @Test
    void aPrometheusRegistryInsideACompositeIsScraped() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CompositeMeterRegistry composite = new CompositeMeterRegistry().add(new SimpleMeterRegistry()).add(prometheus);
        try (TestClient client = TestClient.of(App.create().metrics(composite).include(new Routes()))) {
            client.get("/items/5");
            assertThat(client.get("/metrics").text()).contains("route=\"/items/{itemId}\",status=\"200\"");
        }
    }

    @Test
    void withoutAPrometheusRegistryRequestsAreTimedButMetricsIsNotServed() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TestClient client = TestClient.of(App.create().metrics(registry).include(new Routes()))) {
            client.get("/items/3");
            assertThat(client.get("/metrics").status()).isEqualTo(404);
            assertThat(timer(registry, "GET", "/items/{itemId}", "200").count()).isEqualTo(1);
        }
    }

    @Test
    void withoutARegistryNothingIsTimedAndMetricsIsNotServed() {
        try (TestClient client = TestClient.of(App.create().include(new Routes()))) {
            assertThat(client.get("/items/3").status()).isEqualTo(200);
            assertThat(client.get("/metrics").status()).isEqualTo(404);
        }
    }
}
