package io.fasterapi.examples.basic;

import io.fasterapi.pg.PgPool;
import io.fasterapi.web.App;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Map;

/**
 * The shop's metrics and traces, switched on as an application switches them on: the framework
 * modules only take a Micrometer registry ({@link App#metrics}, {@link PgPool.Builder#metrics}) and an
 * OpenTelemetry instance ({@link App#tracing}, {@link PgPool.Builder#tracing}); the registry, the SDK
 * and the exporter are the application's choice, here.
 *
 * <ul>
 *   <li>Metrics, always: a Prometheus registry scraped at {@code /metrics}: per-route request timers
 *       ({@code http_server_requests_seconds}, tagged method, route template, status) and the pool's
 *       figures ({@code fasterapi_pg_pool_*}, tagged {@code pool="shop"}).
 *   <li>Tracing, when {@code FASTERAPI_TRACING} names an exporter: {@code logging} writes each span to
 *       java.util.logging (the {@code opentelemetry-exporter-logging} artifact), enough to see the
 *       request spans and their query spans; for a collector, build the SDK with an OTLP exporter (the
 *       {@code opentelemetry-exporter-otlp} artifact) in {@link #openTelemetry} instead, or let the
 *       OpenTelemetry Java agent's or autoconfigure's SDK stand in for it. Unset: no tracing at all.
 * </ul>
 */
public final class ShopObservability {
    private ShopObservability() {
    }

    /** The registry whose scrape {@code /metrics} serves. */
    public static PrometheusMeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /**
     * The OpenTelemetry SDK that {@code FASTERAPI_TRACING} asks for, or null when it is unset or
     * {@code off}: {@code logging} exports spans to java.util.logging, in batches, with the W3C trace
     * context propagator so a caller's {@code traceparent} is continued.
     *
     * @throws IllegalArgumentException when it names an exporter the shop does not have
     */
    public static OpenTelemetrySdk openTelemetry(Map<String, String> env) {
        String exporter = env.getOrDefault("FASTERAPI_TRACING", "off");
        return switch (exporter) {
            case "off", "" -> null;
            case "logging" -> sdk(LoggingSpanExporter.create());
            default -> throw new IllegalArgumentException("FASTERAPI_TRACING must be off or logging, got " + exporter);
        };
    }

    /** An SDK that hands its spans to {@code exporter} in batches, named {@code fasterapi-shop}. */
    public static OpenTelemetrySdk sdk(SpanExporter exporter) {
        return OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .setResource(Resource.getDefault().merge(Resource.builder()
                                .put("service.name", "fasterapi-shop").build()))
                        .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                        .build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
    }

    /** {@code pool} with the registry's pool metrics and, when {@code otel} is not null, tracing. */
    public static PgPool.Builder observe(PgPool.Builder pool, MeterRegistry registry, OpenTelemetry otel) {
        pool.metrics(registry, "shop");
        return otel == null ? pool : pool.tracing(otel);
    }

    /** {@code app} timing its requests into {@code registry} (served at /metrics) and, when {@code otel} is not null, tracing them. */
    public static App observe(App app, MeterRegistry registry, OpenTelemetry otel) {
        app.metrics(registry);
        return otel == null ? app : app.tracing(otel);
    }
}
