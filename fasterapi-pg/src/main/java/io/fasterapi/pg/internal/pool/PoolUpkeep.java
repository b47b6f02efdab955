package io.fasterapi.pg.internal.pool;

import io.fasterapi.core.Cancellable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The periodic rounds of one shard's pool over its idle connections: retire those past their
 * lifetime, close those idle longer than the idle timeout (keeping {@code minSize}), and give those
 * unused for a health-check interval an empty query — one cheap round trip — before anyone reuses
 * them; a connection that fails it is closed and replaced. Each round also advances the pool's
 * coarse clock, tops it up to {@code minSize}, and counts the claims made off the loop since the
 * last round into the acquire figures. Idle connections on the shared stack are taken off it for
 * the round and the kept ones put back in their order.
 *
 * <p>Runs on the shard's event loop, every half of the shortest of the three durations (between
 * 10 ms and 5 s).
 */
final class PoolUpkeep {
    private final ShardPool pool;
    private final Duration period;
    private Cancellable next;
    private boolean stopped;

    PoolUpkeep(ShardPool pool) {
        this.pool = pool;
        this.period = Duration.ofNanos(pool.settings.maintenancePeriodNanos());
    }

    void start() {
        schedule();
    }

    void stop() {
        stopped = true;
        if (next != null) {
            next.cancel();
        }
    }

    private void schedule() {
        if (!stopped) {
            next = pool.shard().schedule(period, this::round);
        }
    }

    private void round() {
        if (stopped || pool.closing) {
            return;
        }
        long now = System.nanoTime();
        pool.clock = now;
        PoolSettings s = pool.settings;
        long idleTimeout = s.idleTimeout().toNanos();
        long checkAfter = s.healthCheckInterval().toNanos();
        Duration checkDeadline = s.healthCheckInterval().compareTo(Duration.ofSeconds(5)) < 0
                ? Duration.ofSeconds(5) : s.healthCheckInterval();
        pool.countOffLoopAcquisitions();
        // Front of the deque = least recently used: those go first.
        for (Iterator<PooledConnection> it = pool.idle.iterator(); it.hasNext(); ) {
            PooledConnection pc = it.next();
            if (!keep(pc, now, idleTimeout, checkAfter, checkDeadline)) {
                it.remove();
            }
        }
        // Those given back off the loop: taken off their stack for the round, the kept ones put back.
        List<PooledConnection> offLoop = pool.takeAllOffLoopIdle();
        if (!offLoop.isEmpty()) {
            List<PooledConnection> kept = new ArrayList<>(offLoop.size());
            for (PooledConnection pc : offLoop) {
                if (keep(pc, now, idleTimeout, checkAfter, checkDeadline)) {
                    kept.add(pc);
                }
            }
            pool.returnOffLoopIdle(kept);
        }
        pool.refill();
        schedule();
    }

    /** True when {@code pc} stays idle where it is; else it was closed or taken for a health check. */
    private boolean keep(PooledConnection pc, long now, long idleTimeout, long checkAfter, Duration checkDeadline) {
        if (!pc.connection.isUsable() || now - pc.retireAtNanos > 0) {
            pool.discard(pc);
            return false;
        }
        if (now - pc.lastUsedNanos > idleTimeout && pool.all.size() > pool.settings.minSize()) {
            pool.discard(pc);
            return false;
        }
        if (now - pc.lastUsedNanos > checkAfter) {
            pool.runForPool(pc, "", checkDeadline, () -> pc.lastUsedNanos = System.nanoTime());
            return false;
        }
        return true;
    }
}
