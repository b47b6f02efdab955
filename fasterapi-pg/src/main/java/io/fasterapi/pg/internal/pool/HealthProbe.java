package io.fasterapi.pg.internal.pool;

import io.fasterapi.core.Future;
import io.fasterapi.core.Promise;
import io.fasterapi.core.Shard;
import io.fasterapi.pg.PoolHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A cached, bounded probe of the database for readiness checks: at most one probe in flight and at
 * most one started per {@code interval}, however many callers ask; between probes, callers get the
 * latest answer. So a readiness endpoint polled by every load balancer in a fleet costs the database
 * one empty query per interval, never a storm, and an outage shows within {@code interval} plus the
 * probe's own timeout.
 *
 * <p>Threads: any. The state is guarded by a {@link ReentrantLock} held only to read or swap it
 * (never while a probe runs), so a virtual thread never pins on it.
 */
final class HealthProbe {
    private final long intervalNanos;
    private final Supplier<Future<Throwable>> probe;
    private final ReentrantLock lock = new ReentrantLock();
    private Promise<Boolean> inFlight;
    private long lastStartNanos;
    private boolean started;
    private long probes;
    private volatile PoolHealth health = new PoolHealth(false, null, null, null, 0);

    /**
     * @param interval at most one probe per interval
     * @param probe    starts one round trip; its future completes with null on success, else the failure
     *                 (never fails itself)
     */
    public HealthProbe(Duration interval, Supplier<Future<Throwable>> probe) {
        this.intervalNanos = interval.toNanos();
        this.probe = probe;
    }

    /** The latest probe's outcome. */
    public PoolHealth health() {
        return health;
    }

    /**
     * The latest answer if a probe started less than an interval ago, else the answer of the probe in
     * flight, else of a new one. Never a failed future. Any thread.
     */
    public Future<Boolean> check() {
        Promise<Boolean> mine;
        lock.lock();
        try {
            if (inFlight != null) {
                return inFlight;
            }
            long now = System.nanoTime();
            if (started && now - lastStartNanos < intervalNanos) {
                return Future.ready(health.up());
            }
            started = true;
            lastStartNanos = now;
            probes++;
            mine = new Promise<>((Shard) null);
            inFlight = mine;
        } finally {
            lock.unlock();
        }
        Future<Throwable> outcome;
        try {
            outcome = probe.get();
        } catch (RuntimeException e) {
            outcome = Future.ready(e);
        }
        outcome.onComplete((failure, unexpected) -> finish(mine, unexpected != null ? unexpected : failure));
        return mine;
    }

    private void finish(Promise<Boolean> probeDone, Throwable failure) {
        Instant now = Instant.now();
        lock.lock();
        try {
            PoolHealth before = health;
            health = failure == null ? new PoolHealth(true, now, before.lastFailure(), before.failure(), probes)
                    : new PoolHealth(false, before.lastSuccess(), now, String.valueOf(failure.getMessage()), probes);
            inFlight = null;
        } finally {
            lock.unlock();
        }
        probeDone.complete(failure == null);
    }
}
