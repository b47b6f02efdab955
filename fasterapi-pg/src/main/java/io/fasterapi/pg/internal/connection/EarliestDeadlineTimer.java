package io.fasterapi.pg.internal.connection;

import io.fasterapi.core.Cancellable;
import io.fasterapi.core.Shard;
import java.time.Duration;

/**
 * One timer on a shard's loop for many deadlines: armed for the earliest one it was told of, it
 * runs its task then, and the task re-arms it for whatever deadline is left. A pool under overload
 * queues thousands of callers; a scheduled task each (a heap insert, then a heap removal when the
 * caller is served in time, which is nearly always) showed in the profile, while one timer costs
 * a scan of the queue once per timeout period. The same holds for a connection's statements, each
 * with a deadline ({@link DeadlineWatch}). Loop only.
 */
public final class EarliestDeadlineTimer {
    /** Schedules a task on the owning loop after a delay in nanoseconds; the result cancels it. */
    public interface Scheduler {
        Cancellable schedule(long delayNanos, Runnable task);
    }

    private final Scheduler scheduler;
    private final Runnable onDeadline;
    private Cancellable armed;
    private long armedAt;

    /** A timer on {@code shard}'s loop that runs {@code onDeadline}. */
    public EarliestDeadlineTimer(Shard shard, Runnable onDeadline) {
        this((nanos, task) -> shard.schedule(Duration.ofNanos(nanos), task), onDeadline);
    }

    EarliestDeadlineTimer(Scheduler scheduler, Runnable onDeadline) {
        this.scheduler = scheduler;
        this.onDeadline = onDeadline;
    }

    /** Makes sure the task runs no later than {@code deadlineNanos} ({@link System#nanoTime()} based). */
    public void arm(long deadlineNanos) {
        if (armed != null && deadlineNanos - armedAt >= 0) {
            return;
        }
        if (armed != null) {
            armed.cancel();
        }
        armedAt = deadlineNanos;
        armed = scheduler.schedule(Math.max(0, deadlineNanos - System.nanoTime()), () -> {
            armed = null;
            onDeadline.run();
        });
    }

    /** Stops the timer (nothing is left to wait for). */
    public void disarm() {
        if (armed != null) {
            armed.cancel();
            armed = null;
        }
    }

    /** {@code now + timeout}, saturated so that a timeout of centuries cannot wrap around. */
    public static long deadline(long nowNanos, Duration timeout) {
        long max = Long.MAX_VALUE / 4;
        long nanos = timeout.compareTo(Duration.ofNanos(max)) >= 0 ? max : Math.max(0, timeout.toNanos());
        return nowNanos + nanos;
    }
}
