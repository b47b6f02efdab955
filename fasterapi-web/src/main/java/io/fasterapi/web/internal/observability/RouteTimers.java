package io.fasterapi.web.internal.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The timers of one route template and method, one per status code, registered on first use and
 * then found by array index: recording a request allocates nothing and looks nothing up by name.
 * Thread-safe (a race registers the same meter twice, which Micrometer answers with the same timer).
 */
final class RouteTimers {
    private static final int FIRST_STATUS = 100;
    private static final int LAST_STATUS = 599;

    private final MeterRegistry registry;
    private final String method;
    private final String route;
    private final AtomicReferenceArray<Timer> byStatus = new AtomicReferenceArray<>(LAST_STATUS - FIRST_STATUS + 1);

    RouteTimers(MeterRegistry registry, String method, String route) {
        this.registry = registry;
        this.method = method;
        this.route = route;
    }

    /** Records one request answered with {@code status} after {@code nanos}. Any thread. */
    void record(int status, long nanos) {
        int s = status < FIRST_STATUS || status > LAST_STATUS ? LAST_STATUS : status;
        Timer timer = byStatus.get(s - FIRST_STATUS);
        if (timer == null) {
            timer = Timer.builder(RequestMetrics.TIMER_NAME)
                    .description("HTTP requests answered, by route template, method and status")
                    .tags("method", method, "route", route, "status", Integer.toString(s))
                    .register(registry);
            byStatus.set(s - FIRST_STATUS, timer);
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }
}
