package io.fasterapi.pg.internal.pool;

import io.fasterapi.core.Reactor;
import io.fasterapi.pg.internal.codec.UserCodec;
import java.time.Duration;
import java.util.Map;

/**
 * What {@code PgPool.Builder} collected, checked, for {@link ShardedPool} to build the pool from:
 * the pool-wide part here, the shards' part in {@link #shards}. The DSN is parsed by the pool, so
 * that its timeouts can stand in for the ones the builder left unset.
 *
 * @param dsn                 the connection string, not parsed yet
 * @param statementCacheSize  null: the DSN's, else its default
 * @param codecs              the users' codecs by type name ({@code Builder.codec})
 * @param reactor             null: the pool makes (and later shuts down) its own
 * @param threads             loops of the reactor the pool makes
 * @param acquireTimeout      null: the DSN's {@code acquire_timeout}, else the default
 * @param defaultDeadlineSet  whether the builder set {@code defaultDeadline} (null then means none)
 * @param defaultDeadline     the statements' default deadline when set
 * @param healthProbeInterval at most one readiness probe per interval
 * @param healthProbeTimeout  each readiness probe gives up after this
 * @param meterRegistry       a Micrometer {@code MeterRegistry}, or null for no metrics
 * @param metricsName         the metrics' {@code pool} tag
 * @param openTelemetry       an OpenTelemetry {@code OpenTelemetry}, or null for no tracing
 * @param shards              what every shard's pool is built with
 */
public record PoolSetup(String dsn, Integer statementCacheSize, Map<String, UserCodec> codecs, Reactor reactor, int threads,
        Duration acquireTimeout, boolean defaultDeadlineSet, Duration defaultDeadline,
        Duration healthProbeInterval, Duration healthProbeTimeout, Object meterRegistry, String metricsName,
        Object openTelemetry, PoolSettings shards) {
}
