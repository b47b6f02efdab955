package io.fasterapi.pg.internal.pool;

import io.fasterapi.pg.PgLeak;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The validated settings of one pool, shared read-only by its shards.
 *
 * @param policy              idle order and sizing ({@link PoolPolicy}: where a new policy is plugged in)
 * @param idleTimeout         an idle connection the policy lets go is closed after this long unused
 * @param maxLifetime         a connection is closed (when idle or given back) once this old; null = never
 * @param healthCheckInterval an idle connection unused this long gets a round trip before reuse
 * @param pipeliningDepth     async statements ({@code pool.execAsync}) that may share one connection
 * @param reconnect           pauses between connection attempts while the server is unreachable
 * @param leakReporter        null when leak detection is off
 */
public record PoolSettings(PoolPolicy policy, Duration idleTimeout, Duration maxLifetime,
        Duration healthCheckInterval, int pipeliningDepth, Backoff reconnect, Consumer<PgLeak> leakReporter) {

    /** A copy with another {@code pipeliningDepth} (1 behind a transaction pooler: see {@code ShardedPool}). */
    PoolSettings withPipeliningDepth(int depth) {
        return new PoolSettings(policy, idleTimeout, maxLifetime, healthCheckInterval, depth, reconnect, leakReporter);
    }

    /** How often a shard looks at its idle connections: often enough for the shortest of the three limits. */
    long maintenancePeriodNanos() {
        long p = Math.min(idleTimeout.toNanos(), healthCheckInterval.toNanos());
        if (maxLifetime != null) {
            p = Math.min(p, maxLifetime.toNanos());
        }
        return Math.max(Duration.ofMillis(10).toNanos(), Math.min(p / 2, Duration.ofSeconds(5).toNanos()));
    }
}
