package io.fasterapi.pg.internal.pool;

import io.fasterapi.core.Cancellable;
import io.fasterapi.core.Shard;
import java.time.Duration;

/**
 * One timer on a shard's loop for many deadlines: armed for the earliest one it was told of, it
 * runs its task then, and the task re-arms it for whatever deadline is left. A pool under overload
 * queues thousands of callers; a scheduled task each (a heap insert, then a heap removal when the
 * caller is served in time, which is nearly always) showed in the profile, while one timer costs
 * a scan of the queue once per timeout period. Loop only.
 */
final class EarliestDeadlineTimer {
    private final Shard shard;
    private final Runnable onDeadline;
    private Cancellable armed;
    private long armedAt;

    EarliestDeadlineTimer(Shard shard, Runnable onDeadline) {
        this.shard = shard;
        this.onDeadline = onDeadline;
    }

    /** Makes sure the task runs no later than {@code deadlineNanos} ({@link System#nanoTime()} based). */
    void arm(long deadlineNanos) {
        if (armed != null && deadlineNanos - armedAt >= 0) {
            return;
        }
        if (armed != null) {
            armed.cancel();
        }
        armedAt = deadlineNanos;
        armed = shard.schedule(Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())), () -> {
            armed = null;
            onDeadline.run();
        });
    }

    /** Stops the timer (nothing is left to wait for). */
    void disarm() {
        if (armed != null) {
            armed.cancel();
            armed = null;
        }
    }

    /** {@code now + timeout}, saturated so that a timeout of centuries cannot wrap around. */
    static long deadline(long nowNanos, Duration timeout) {
        long max = Long.MAX_VALUE / 4;
        long nanos = timeout.compareTo(Duration.ofNanos(max)) >= 0 ? max : Math.max(0, timeout.toNanos());
        return nowNanos + nanos;
    }
}
