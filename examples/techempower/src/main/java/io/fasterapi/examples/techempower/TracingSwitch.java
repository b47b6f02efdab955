package io.fasterapi.examples.techempower;

import io.fasterapi.pg.PgPool;
import io.fasterapi.web.App;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/**
 * Tracing for measuring its cost, as {@code $FASTERAPI_TRACING} asks (read by {@link TechEmpowerApp#main}
 * only when it is set, so that this class and OpenTelemetry load in no other run):
 * <ul>
 *   <li>{@code api}: {@link OpenTelemetry#noop()}, the API without an SDK: what the framework's
 *       instrumentation itself costs (spans that record nothing);
 *   <li>{@code sdk}: the SDK sampling every request, building every span with its attributes and handing
 *       them in batches to an exporter that drops them: tracing's cost short of the network.
 * </ul>
 * Compare the same test with the variable unset, {@code api} and {@code sdk}, interleaved.
 */
final class TracingSwitch {
    private TracingSwitch() {
    }

    /** Traces {@code pool}'s statements through the OpenTelemetry {@code mode} names; returns it (for {@link #onApp}). */
    static Object onPool(PgPool.Builder pool, String mode) {
        OpenTelemetry otel = of(mode);
        pool.tracing(otel);
        return otel;
    }

    /** Traces {@code app}'s requests through {@code otel} (what {@link #onPool} returned). */
    static void onApp(App app, Object otel) {
        app.tracing((OpenTelemetry) otel);
    }

    /** The OpenTelemetry that {@code mode} names. */
    static OpenTelemetry of(String mode) {
        return switch (mode) {
            case "api" -> OpenTelemetry.noop();
            case "sdk" -> OpenTelemetrySdk.builder()
                    .setTracerProvider(SdkTracerProvider.builder()
                            .addSpanProcessor(BatchSpanProcessor.builder(new DroppingExporter()).build()).build())
                    .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                    .build();
            default -> throw new IllegalArgumentException("FASTERAPI_TRACING must be api or sdk, got " + mode);
        };
    }

    /** Takes every batch and keeps nothing. */
    private static final class DroppingExporter implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
