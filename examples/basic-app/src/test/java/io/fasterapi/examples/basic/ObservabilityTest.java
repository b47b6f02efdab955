package io.fasterapi.examples.basic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.web.App;
import io.fasterapi.web.TestClient;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shop observed as its {@code main} observes it ({@link ShopObservability}): {@code /metrics}
 * scraped over a real socket shows a route's timer and the pool's gauges, and with tracing on, a
 * request's span parents its query's, continuing the caller's {@code traceparent}.
 */
class ObservabilityTest {
    static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    @Test
    void metricsServesRouteTimersAndPoolGaugesInPrometheusFormat() throws Exception {
        PrometheusMeterRegistry registry = ShopObservability.registry();
        App app = ShopObservability.observe(App.create(), registry, null); // before the pool's meters, as main does
        try (ShopDb db = new ShopDb(ObservabilityTest.class, b -> ShopObservability.observe(b, registry, null));
             TestClient client = TestClient.of(BasicApp.create(app, db.pool), BasicApp.serverOptions(Map.of()).toBuilder());
             HttpClient http = HttpClient.newHttpClient()) {
            assertThat(get(http, client, "/items/1").statusCode()).isEqualTo(200);
            HttpResponse<String> scrape = get(http, client, "/metrics");
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
            assertThat(scrape.body()).containsPattern(
                    "http_server_requests_seconds_count\\{[^}]*route=\"/items/\\{itemId}\"[^}]*status=\"200\"[^}]*} 1")
                    .containsPattern("fasterapi_pg_pool_connections\\{[^}]*pool=\"shop\"[^}]*state=\"total\"[^}]*} [1-9]")
                    .contains("fasterapi_pg_pool_acquire_seconds_count{");
        }
    }

    @Test
    void tracingOnMakesARequestSpanWithItsQuerySpanInTheCallersTrace() throws Exception {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        PrometheusMeterRegistry registry = ShopObservability.registry();
        try (OpenTelemetrySdk otel = ShopObservability.sdk(exporter)) {
            App app = ShopObservability.observe(App.create(), registry, otel);
            try (ShopDb db = new ShopDb(ObservabilityTest.class, b -> ShopObservability.observe(b, registry, otel));
                 TestClient client = TestClient.of(BasicApp.create(app, db.pool));
                 HttpClient http = HttpClient.newHttpClient()) {
                assertThat(get(http, client, "/items/1", "traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01")
                        .statusCode()).isEqualTo(200);
            }
            otel.getSdkTracerProvider().forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
            List<SpanData> spans = exporter.getFinishedSpanItems();
            SpanData request = spans.stream().filter(s -> s.getName().equals("GET /items/{itemId}")).findFirst().orElseThrow();
            assertThat(request.getTraceId()).isEqualTo(TRACE_ID);
            assertThat(request.getResource().getAttribute(io.opentelemetry.api.common.AttributeKey.stringKey("service.name")))
                    .isEqualTo("fasterapi-shop");
            assertThat(spans).anyMatch(s -> s.getName().startsWith("SELECT ") && s.getParentSpanId().equals(request.getSpanId()));
        }
    }

    @Test
    void tracingIsOffUnlessTheEnvironmentNamesAnExporter() {
        assertThat(ShopObservability.openTelemetry(Map.of())).isNull();
        assertThat(ShopObservability.openTelemetry(Map.of("FASTERAPI_TRACING", "off"))).isNull();
        try (OpenTelemetrySdk logging = ShopObservability.openTelemetry(Map.of("FASTERAPI_TRACING", "logging"))) {
            assertThat(logging).isNotNull();
        }
        assertThatThrownBy(() -> ShopObservability.openTelemetry(Map.of("FASTERAPI_TRACING", "zipkin")))
                .hasMessageContaining("off or logging");
    }

    private static HttpResponse<String> get(HttpClient http, TestClient client, String path, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + client.port() + path))
                .timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
