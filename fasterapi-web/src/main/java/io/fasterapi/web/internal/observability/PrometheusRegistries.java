package io.fasterapi.web.internal.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.Supplier;

/** Finds a Prometheus registry in a registry tree. Loaded only when the optional jar is present. */
final class PrometheusRegistries {
    private PrometheusRegistries() {
    }

    /** The scrape of the first Prometheus registry in {@code registry} (itself or a composite's), or null. */
    static Supplier<String> scraperOf(MeterRegistry registry) {
        if (registry instanceof PrometheusMeterRegistry p) {
            return p::scrape;
        }
        if (registry instanceof CompositeMeterRegistry composite) {
            for (MeterRegistry child : composite.getRegistries()) {
                Supplier<String> found = scraperOf(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
