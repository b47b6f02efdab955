package io.fasterapi.web.internal.observability;

import io.fasterapi.web.Response;
import io.fasterapi.web.internal.redaction.SecretRedactor;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/**
 * The {@code /metrics} answer: a Prometheus registry's scrape in the Prometheus text format
 * (0.0.4), with passwords masked. The optional {@code micrometer-registry-prometheus} types are
 * named only by {@link PrometheusRegistries}, which is loaded only once they are known to be on the
 * class path. Thread-safe (the registry is).
 */
public final class PrometheusScrape {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String REGISTRY_CLASS = "io.micrometer.prometheusmetrics.PrometheusMeterRegistry";

    private final Supplier<String> scraper;

    private PrometheusScrape(Supplier<String> scraper) {
        this.scraper = scraper;
    }

    /**
     * The scrape of {@code registry} when it is (or is a composite holding) a Prometheus registry,
     * else null: then no {@code /metrics} endpoint is served.
     */
    public static PrometheusScrape find(MeterRegistry registry) {
        if (registry == null || !prometheusPresent()) {
            return null;
        }
        Supplier<String> scraper = PrometheusRegistries.scraperOf(registry);
        return scraper == null ? null : new PrometheusScrape(scraper);
    }

    private static boolean prometheusPresent() {
        try {
            Class.forName(REGISTRY_CLASS, false, PrometheusScrape.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The current scrape as a response. Walks every meter: runs on a virtual thread, not a loop. */
    public Response scrape() {
        return Response.text(SecretRedactor.redact(scraper.get())).contentType(CONTENT_TYPE);
    }
}
