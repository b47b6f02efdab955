package io.fasterapi.web.internal.sse;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The timer thread for keep-alive comments of streams subscribed outside an event loop (the server
 * subscribes on the request's loop and uses that loop's timers instead). One daemon thread, created
 * on first use.
 */
final class KeepAliveTimers {
    private KeepAliveTimers() {
    }

    private static final class Holder {
        static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fasterapi-sse-keepalive");
            t.setDaemon(true);
            return t;
        });
    }

    static ScheduledExecutorService shared() {
        return Holder.TIMERS;
    }
}
