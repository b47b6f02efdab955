package io.fasterapi.pg.internal.pool;

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
 * of acquire waits (count and total) with gauges of its p50, p99 and max.
 *
 * <p>Every meter reads the shard's plain fields when scraped ({@link ShardPool#stats()} off the
 * loop), so the pool's hot path records nothing for Micrometer. This is the only class that names Micrometer types: it is loaded only when
 * a registry was given, so Micrometer is an optional dependency. Any thread (the scraper's).
 */
final class PoolMetrics {
    private PoolMetrics() {
    }

    /** Binds {@code shards} to {@code registry} (a {@code MeterRegistry}) under the tag {@code pool=name}. */
    static void bind(Object registry, String name, List<ShardPool> shards) {
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
    }

    private static void gauge(MeterRegistry r, String name, Tags tags, ShardPool sp, ToDoubleFunction<ShardPool> f) {
        Gauge.builder(name, sp, f).tags(tags).register(r);
    }

    private static double seconds(java.time.Duration d) {
        return d.toNanos() / 1e9;
    }
}
