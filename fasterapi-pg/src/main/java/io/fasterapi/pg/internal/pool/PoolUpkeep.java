package io.fasterapi.pg.internal.pool;

import io.fasterapi.core.Cancellable;
import java.time.Duration;

/**
 * The periodic rounds of one shard's pool over its idle connections: retire those past their
 * lifetime, close those idle longer than the idle timeout (when the {@link PoolPolicy} lets them
 * go: by default, above {@code minSize}), and give those unused for a health-check interval an
 * empty query — one cheap round trip — before anyone reuses them; a connection that fails it is
 * closed and replaced. Each round also advances the pool's coarse clock, counts the claims made
 * off the loop since the last round into the acquire figures, and tops the pool up to what the
 * policy wants. It reaches the idle connections through {@link ShardPool#sweepIdle} and closes or
 * checks them through the pool's parts ({@link ShardConnections}, {@link PoolRoundTrips}).
 *
 * <p>Runs on the shard's event loop, every half of the shortest of the three durations (between
 * 10 ms and 5 s).
 */
final class PoolUpkeep {
    private final ShardPool pool;
    private final ShardConnections connections;
    private final PoolRoundTrips roundTrips;
    private final PoolPolicy policy;
    private final Duration period;
    private final long idleTimeout;
    private final long checkAfter;
    private final Duration checkDeadline;
    private Cancellable next;
    private boolean stopped;

    PoolUpkeep(ShardPool pool, PoolSettings settings, ShardConnections connections, PoolRoundTrips roundTrips) {
        this.pool = pool;
        this.connections = connections;
        this.roundTrips = roundTrips;
        this.policy = settings.policy();
        this.period = Duration.ofNanos(settings.maintenancePeriodNanos());
        this.idleTimeout = settings.idleTimeout().toNanos();
        this.checkAfter = settings.healthCheckInterval().toNanos();
        this.checkDeadline = settings.healthCheckInterval().compareTo(Duration.ofSeconds(5)) < 0
                ? Duration.ofSeconds(5) : settings.healthCheckInterval();
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
        if (stopped || pool.isClosing()) {
            return;
        }
        long now = pool.tick();
        pool.countOffLoopAcquisitions();
        // Least recently used first: those go first.
        pool.sweepIdle(pc -> keep(pc, now));
        pool.refill();
        schedule();
    }

    /** True when {@code pc} stays idle where it is; else it was closed or taken for a health check. */
    private boolean keep(PooledConnection pc, long now) {
        if (!pc.connection.isUsable() || now - pc.retireAtNanos > 0) {
            connections.discard(pc);
            return false;
        }
        if (now - pc.lastUsedNanos > idleTimeout && policy.closesIdle(connections.open())) {
            connections.discard(pc);
            return false;
        }
        if (now - pc.lastUsedNanos > checkAfter) {
            roundTrips.healthCheck(pc, checkDeadline);
            return false;
        }
        return true;
    }
}
