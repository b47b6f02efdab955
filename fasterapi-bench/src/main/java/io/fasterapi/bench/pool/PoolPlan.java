package io.fasterapi.bench.pool;

import java.time.Duration;

/**
 * How long each acquire load warms up and is timed, in how many interleaved rounds, and the size and
 * repetitions of the COPY runs. {@code -Dfasterapi.bench.measureSeconds=N} times each acquire load
 * longer (for profiling).
 */
record PoolPlan(boolean quick, Duration warmUp, Duration measure, int rounds, long csvBytes, int copyRepeats) {
    static PoolPlan of(boolean quick) {
        PoolPlan plan = quick ? new PoolPlan(true, Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 20_000_000L, 1)
                : new PoolPlan(false, Duration.ofSeconds(3), Duration.ofSeconds(3), 3, 100_000_000L, 3);
        String seconds = System.getProperty("fasterapi.bench.measureSeconds");
        return seconds == null ? plan
                : new PoolPlan(plan.quick, plan.warmUp, Duration.ofSeconds(Long.parseLong(seconds)), plan.rounds, plan.csvBytes,
                        plan.copyRepeats);
    }

    String describe() {
        return "acquire loads: " + warmUp.toSeconds() + " s warm-up each, then " + rounds + (rounds == 1 ? " round" : " rounds")
                + " of " + measure.toSeconds() + " s, peers interleaved; COPY: a " + csvBytes / 1_000_000 + " MB CSV, "
                + copyRepeats + (copyRepeats == 1 ? " run" : " runs") + " per peer in rotated order, median";
    }
}
