package io.fasterapi.pg;

import java.util.List;

/**
 * A snapshot of a {@link PgPool}: totals and one entry per shard. Counters are read without
 * stopping the shards, so a snapshot may be a little out of date.
 *
 * @param inUse   connections handed out
 * @param idle    open connections waiting to be used
 * @param waiting callers queued for a connection
 * @param total   open connections plus those being opened
 * @param created connections opened since the pool started
 * @param closed  connections closed since the pool started
 * @param shards  the same figures per shard, by shard index
 */
public record PoolStats(int inUse, int idle, int waiting, int total, long created, long closed, List<PoolStats> shards) {
}
