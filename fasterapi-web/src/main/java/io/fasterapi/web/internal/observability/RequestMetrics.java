package io.fasterapi.web.internal.observability;

import io.fasterapi.web.internal.model.RouteModel;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times every request into the Micrometer timer {@value #TIMER_NAME} tagged {@code method},
 * {@code route} (the template, {@code /items/{itemId}}, never the raw path, so the number of series
 * stays bounded) and {@code status}. A request no route answered (404, 405, a middleware's early
 * answer) is tagged {@code route="UNMATCHED"}, and an unusual method {@code method="OTHER"}.
 *
 * <p>Streamed request bodies (an {@code InputStream} parameter) add the distribution summary
 * {@value #STREAMED_BODY_PEAK_NAME}: per request, the most bytes of its body held in memory at once,
 * which the server bounds (about 128 KiB) whatever the body's size.
 *
 * <p>Built when the server starts, read-only afterwards; {@link #record} runs on whichever thread
 * produced the response. {@link #NONE} records nothing (an app without a registry).
 */
public final class RequestMetrics {
    /** The timer's name ({@code http_server_requests_seconds} in Prometheus). */
    public static final String TIMER_NAME = "http.server.requests";
    /** The summary of streamed bodies' peak of bytes in memory. */
    public static final String STREAMED_BODY_PEAK_NAME = "http.server.requests.body.buffered";
    /** The {@code route} tag of requests no route answered. */
    public static final String UNMATCHED = "UNMATCHED";
    /** Records nothing. */
    public static final RequestMetrics NONE = new RequestMetrics(Map.of(), Map.of(), null);

    private static final List<String> KNOWN_METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH",
            "OPTIONS", "TRACE", "CONNECT", "OTHER");

    private final Map<RouteModel, RouteTimers> routes;
    private final Map<String, RouteTimers> unmatched;
    private final DistributionSummary streamedBodyPeaks;

    private RequestMetrics(Map<RouteModel, RouteTimers> routes, Map<String, RouteTimers> unmatched,
                           DistributionSummary streamedBodyPeaks) {
        this.routes = routes;
        this.unmatched = unmatched;
        this.streamedBodyPeaks = streamedBodyPeaks;
    }

    /** Timers on {@code registry} for each of {@code routes} (the exact instances the router holds). */
    public static RequestMetrics create(MeterRegistry registry, List<RouteModel> routes) {
        Map<RouteModel, RouteTimers> byRoute = new IdentityHashMap<>(); // records hash their whole content
        for (RouteModel r : routes) {
            byRoute.put(r, new RouteTimers(registry, r.method(), r.template()));
        }
        Map<String, RouteTimers> unmatched = new HashMap<>();
        for (String m : KNOWN_METHODS) {
            unmatched.put(m, new RouteTimers(registry, m, UNMATCHED));
        }
        DistributionSummary peaks = DistributionSummary.builder(STREAMED_BODY_PEAK_NAME).baseUnit("bytes")
                .description("Most bytes of a streamed request body held in memory at once").register(registry);
        return new RequestMetrics(byRoute, unmatched, peaks);
    }

    /** Records a streamed request body's peak of bytes held in memory. Any thread. */
    public void recordStreamedBodyPeak(long bytes) {
        if (streamedBodyPeaks != null) {
            streamedBodyPeaks.record(bytes);
        }
    }

    /**
     * Records one request answered now: {@code route} is the matched route (null when none matched),
     * {@code method} the request's method, {@code startNanos} its {@link System#nanoTime()} on
     * arrival. Any thread; does not block; reads no clock when there is no registry.
     */
    public void record(String method, RouteModel route, int status, long startNanos) {
        if (unmatched.isEmpty()) {
            return;
        }
        long nanos = System.nanoTime() - startNanos;
        RouteTimers timers = route == null ? null : routes.get(route);
        if (timers == null) {
            timers = unmatched.get(method);
            if (timers == null) {
                timers = unmatched.get("OTHER");
            }
        }
        timers.record(status, nanos);
    }
}
