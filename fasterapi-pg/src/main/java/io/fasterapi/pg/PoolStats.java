package io.fasterapi.pg;

import java.time.Duration;
import java.util.List;

/**
 * A snapshot of a {@link PgPool}: totals and one entry per shard. Taken from a virtual or platform
 * thread, each shard's figures are read on its loop (exact at that instant); taken on an event loop,
 * they are read without stopping the shards and may be a little out of date.
 *
 * <p>Acquire times are how long callers waited for a connection inside the pool (zero when one was
 * free), since the pool started; over all shards they are the worst shard's figure.
 *
 * @param inUse      connections handed out (a connection shared by pipelined async calls counts once)
 * @param idle       open connections waiting to be used
 * @param waiting    callers queued for a connection
 * @param total      open connections plus those being opened
 * @param created    connections opened since the pool started
 * @param closed     connections closed since the pool started (broken, idle, too old, or at close)
 * @param acquireP50 median wait for a connection
 * @param acquireP99 99th percentile wait
 * @param acquireMax longest wait
 * @param shards     the same figures per shard, by shard index (empty in a per-shard entry)
 * @param hosts      each host of the DSN, in its order: up or down, role, open connections, failures
 *                   ({@link HostStats}); in a shard's entry, the open connections are that shard's
 */
public record PoolStats(int inUse, int idle, int waiting, int total, long created, long closed,
        Duration acquireP50, Duration acquireP99, Duration acquireMax, List<PoolStats> shards, List<HostStats> hosts) {

    public PoolStats {
        shards = List.copyOf(shards);
        hosts = List.copyOf(hosts);
    }

    /** Figures without the per-host list (as before hosts were counted). */
    public PoolStats(int inUse, int idle, int waiting, int total, long created, long closed,
            Duration acquireP50, Duration acquireP99, Duration acquireMax, List<PoolStats> shards) {
        this(inUse, idle, waiting, total, created, closed, acquireP50, acquireP99, acquireMax, shards, List.of());
    }
}
