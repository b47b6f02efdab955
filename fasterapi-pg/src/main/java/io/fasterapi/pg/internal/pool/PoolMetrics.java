package io.fasterapi.pg.internal.pool;

import io.fasterapi.pg.internal.config.HostPort;
import io.fasterapi.pg.internal.connection.HostHealth;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Registers a pool's figures with a Micrometer registry, per shard: gauges for connections in
 * use, idle, waiting and total, counters of connections created and closed, and a function timer
 * of acquire waits (count and total) with gauges of its p50, p99 and max; and per host of the DSN, tagged
 * {@code host}, its open connections, whether it is up and a standby, its failed attempts and when the
 * last one was.
 *
 * <p>Every meter reads the shard's plain fields when scraped ({@link ShardPool#stats()} off the
 * loop), so the pool's hot path records nothing for Micrometer. This is the only class that names Micrometer types: it is loaded only when
 * a registry was given, so Micrometer is an optional dependency. Any thread (the scraper's).
 */
final class PoolMetrics {
    private PoolMetrics() {
    }

    /**
     * Binds {@code shards} to {@code registry} (a {@code MeterRegistry}) under the tag {@code pool=name},
     * and each host of the DSN under {@code pool=name, host=host:port} (see {@link #bindHosts}).
     */
    static void bind(Object registry, String name, List<ShardPool> shards, HostHealth hosts) {
        if (!(registry instanceof MeterRegistry r)) {
            throw new IllegalArgumentException("metrics(...) wants an io.micrometer.core.instrument.MeterRegistry, got "
                    + registry.getClass().getName());
        }
        for (ShardPool sp : shards) {
            Tags tags = Tags.of("pool", name, "shard", String.valueOf(sp.shard().id()));
            gauge(r, "fasterapi.pg.pool.connections", tags.and("state", "in-use"), sp, s -> s.stats().inUse());
            gauge(r, "fasterapi.pg.pool.connections", tags.and("state", "idle"), sp, s -> s.stats().idle());
            gauge(r, "fasterapi.pg.pool.connections", tags.and("state", "total"), sp, s -> s.stats().total());
            gauge(r, "fasterapi.pg.pool.waiting", tags, sp, s -> s.stats().waiting());
            FunctionCounter.builder("fasterapi.pg.pool.created", sp, s -> s.stats().created()).tags(tags)
                    .description("connections opened").register(r);
            FunctionCounter.builder("fasterapi.pg.pool.closed", sp, s -> s.stats().closed()).tags(tags)
                    .description("connections closed (broken, idle, too old, pool closed)").register(r);
            FunctionTimer.builder("fasterapi.pg.pool.acquire", sp, ShardPool::acquireCountNow,
                    ShardPool::acquireTotalNanosNow, TimeUnit.NANOSECONDS).tags(tags)
                    .description("waits for a connection").register(r);
            Gauge.builder("fasterapi.pg.pool.acquire.p50", sp, s -> seconds(s.stats().acquireP50())).tags(tags)
                    .baseUnit("seconds").register(r);
            Gauge.builder("fasterapi.pg.pool.acquire.p99", sp, s -> seconds(s.stats().acquireP99())).tags(tags)
                    .baseUnit("seconds").register(r);
            Gauge.builder("fasterapi.pg.pool.acquire.max", sp, s -> seconds(s.stats().acquireMax())).tags(tags)
                    .baseUnit("seconds").register(r);
        }
        bindHosts(r, name, shards, hosts);
    }

    /**
     * Per host, over all shards: the gauge {@code fasterapi.pg.pool.host.connections} (open to it),
     * {@code fasterapi.pg.pool.host.up} (1 up, 0 down, NaN not tried yet), {@code .standby} (1 when its
     * last login said hot standby, 0 primary, NaN unknown), the counter {@code .failures} (failed
     * attempts) and the gauge {@code .last.failure} (epoch seconds of the last failure, NaN if none).
     */
    private static void bindHosts(MeterRegistry r, String name, List<ShardPool> shards, HostHealth hosts) {
        List<HostPort> list = hosts.hosts();
        for (int i = 0; i < list.size(); i++) {
            int at = i;
            Tags tags = Tags.of("pool", name, "host", list.get(i).toString());
            Gauge.builder("fasterapi.pg.pool.host.connections", shards, ss -> {
                int n = 0;
                for (ShardPool sp : ss) {
                    int[] open = sp.openPerHost();
                    n += at < open.length ? open[at] : 0;
                }
                return n;
            }).tags(tags).description("open connections to the host").register(r);
            Gauge.builder("fasterapi.pg.pool.host.up", hosts, h -> switch (h.snapshot().get(at).state()) {
                case UP -> 1;
                case DOWN -> 0;
                case UNKNOWN -> Double.NaN;
            }).tags(tags).description("1 when the host's last connection attempt logged in, 0 when it failed").register(r);
            Gauge.builder("fasterapi.pg.pool.host.standby", hosts, h -> switch (h.snapshot().get(at).role()) {
                case STANDBY -> 1;
                case PRIMARY -> 0;
                case UNKNOWN -> Double.NaN;
            }).tags(tags).description("1 when the host's last login reported hot standby").register(r);
            FunctionCounter.builder("fasterapi.pg.pool.host.failures", hosts, h -> h.snapshot().get(at).failures())
                    .tags(tags).description("failed connection attempts to the host").register(r);
            Gauge.builder("fasterapi.pg.pool.host.last.failure", hosts, h -> {
                java.time.Instant t = h.snapshot().get(at).lastFailure();
                return t == null ? Double.NaN : t.toEpochMilli() / 1e3;
            }).tags(tags).baseUnit("seconds").description("when the last attempt failed (epoch)").register(r);
        }
    }

    private static void gauge(MeterRegistry r, String name, Tags tags, ShardPool sp, ToDoubleFunction<ShardPool> f) {
        Gauge.builder(name, sp, f).tags(tags).register(r);
    }

    private static double seconds(java.time.Duration d) {
        return d.toNanos() / 1e9;
    }
}
