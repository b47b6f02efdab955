package io.fasterapi.pg.internal.pool;

import io.fasterapi.core.Future;
import io.fasterapi.core.Promise;
import io.fasterapi.core.Shard;
import io.fasterapi.pg.PgConnectionException;
import io.fasterapi.pg.internal.connection.EarliestDeadlineTimer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The callers of one shard queued for a connection, first come first served, each failed with
 * "pool exhausted" at its own deadline. The deadlines share one timer ({@link EarliestDeadlineTimer})
 * armed for the earliest; when it fires, the expired callers leave the queue and the others keep
 * their order.
 *
 * <p>While anyone is queued, the queue shuts the shard's {@link OffLoopIdle} to threads off
 * the loop, so a blocking caller never claims a connection past the queued ones (FIFO).
 *
 * <p>A ring of its own rather than a deque inside: the pool asks {@link #peek} on every give-back
 * on the loop, and an empty queue answers from its own size field.
 *
 * <p>Threads: the shard's event loop only; {@link #size} is also read elsewhere, racily, for figures.
 */
final class WaiterQueue {
    /** One queued caller: a handle's ({@code shared} false) or an async statement's. */
    static final class Waiter {
        final Promise<PooledConnection> promise;
        final boolean shared;
        final long startNanos = System.nanoTime();
        final Duration timeout;
        final long deadlineNanos;

        private Waiter(Shard shard, boolean shared, Duration timeout) {
            this.promise = new Promise<>(shard);
            this.shared = shared;
            this.timeout = timeout;
            this.deadlineNanos = EarliestDeadlineTimer.deadline(startNanos, timeout);
        }
    }

    private final Shard shard;
    private final OffLoopIdle offLoopIdle;
    private final AcquireTimes times;
    /** Says what the pool looked like, for the exhausted message: "(figures)" and, with leak detection, where the oldest handles were acquired. */
    private final Supplier<String> poolState;
    private final EarliestDeadlineTimer deadlines;
    private Waiter[] ring = new Waiter[16];
    private int head;
    private int size;

    WaiterQueue(Shard shard, OffLoopIdle offLoopIdle, AcquireTimes times, Supplier<String> poolState) {
        this.shard = shard;
        this.offLoopIdle = offLoopIdle;
        this.times = times;
        this.poolState = poolState;
        this.deadlines = new EarliestDeadlineTimer(shard, this::failExpired);
    }

    /** Queues a caller that gives up after {@code timeout}; the future completes when it is served. */
    Future<PooledConnection> add(boolean shared, Duration timeout) {
        Waiter w = new Waiter(shard, shared, timeout);
        if (size == ring.length) {
            grow();
        }
        ring[(head + size) & (ring.length - 1)] = w;
        if (size++ == 0) {
            offLoopIdle.shut(OffLoopIdle.CALLERS_QUEUED, true);
        }
        deadlines.arm(w.deadlineNanos);
        return w.promise;
    }

    private void grow() {
        Waiter[] bigger = new Waiter[ring.length * 2];
        for (int i = 0; i < size; i++) {
            bigger[i] = ring[(head + i) & (ring.length - 1)];
        }
        ring = bigger;
        head = 0;
    }

    /** The first caller in line, or null. */
    Waiter peek() {
        return size == 0 ? null : ring[head];
    }

    /** Takes the first caller out of line (the caller completes or fails its promise), or null. */
    Waiter poll() {
        if (size == 0) {
            return null;
        }
        Waiter w = ring[head];
        ring[head] = null;
        head = (head + 1) & (ring.length - 1);
        if (--size == 0) {
            emptied();
        }
        return w;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    private void emptied() {
        offLoopIdle.shut(OffLoopIdle.CALLERS_QUEUED, false);
        deadlines.disarm();
    }

    /**
     * Fails every caller in line with {@code cause}, first to last, recording how long each waited
     * when {@code recordWaits} (a failed connection attempt; not a closing pool). A caller queued
     * by a failure's continuation meanwhile is failed too.
     */
    void failAll(Supplier<? extends Throwable> cause, boolean recordWaits) {
        Waiter w;
        while ((w = poll()) != null) {
            if (recordWaits) {
                times.record(System.nanoTime() - w.startNanos);
            }
            w.promise.fail(cause.get());
        }
    }

    /** Fails the callers whose deadline has passed, keeping the others in order. The timer's task. */
    private void failExpired() {
        long now = System.nanoTime();
        List<Waiter> expired = null;
        long next = 0;
        int kept = 0;
        int mask = ring.length - 1;
        for (int i = 0; i < size; i++) {
            Waiter w = ring[(head + i) & mask];
            if (w.deadlineNanos - now <= 0) {
                if (expired == null) {
                    expired = new ArrayList<>();
                }
                expired.add(w);
                continue;
            }
            if (kept == 0 || w.deadlineNanos - next < 0) {
                next = w.deadlineNanos;
            }
            ring[(head + kept++) & mask] = w;
        }
        for (int i = kept; i < size; i++) {
            ring[(head + i) & mask] = null;
        }
        int before = size;
        size = kept;
        if (kept == 0) {
            if (before > 0) {
                emptied();
            }
        } else {
            deadlines.arm(next);
        }
        if (expired != null) {
            // Only now, with the queue settled: a failure's continuation may queue again.
            for (Waiter w : expired) {
                times.record(now - w.startNanos);
                w.promise.fail(new PgConnectionException("pool exhausted: no connection within " + w.timeout
                        + " on shard " + shard.id() + " " + poolState.get()));
            }
        }
    }
}
