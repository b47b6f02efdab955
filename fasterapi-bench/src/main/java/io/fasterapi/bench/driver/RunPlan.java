package io.fasterapi.bench.driver;

import java.time.Duration;

/**
 * How long each load warms up and is timed, and how many rounds there are. All loads warm up first;
 * then every round times every load once, in an order rotated from round to round, so slow drift in
 * a shared machine lands on all peers alike; the table shows the median round.
 */
record RunPlan(boolean quick, Duration warmUp, Duration rewarm, Duration measure, int rounds) {
    /** The quick or the full plan; {@code -Dfasterapi.bench.measureSeconds=N} times each load longer (for profiling). */
    static RunPlan of(boolean quick) {
        RunPlan plan = quick ? new RunPlan(true, Duration.ofSeconds(1), Duration.ofMillis(250), Duration.ofSeconds(1), 1)
                : new RunPlan(false, Duration.ofSeconds(3), Duration.ofMillis(500), Duration.ofSeconds(3), 3);
        String seconds = System.getProperty("fasterapi.bench.measureSeconds");
        return seconds == null ? plan
                : new RunPlan(plan.quick, plan.warmUp, plan.rewarm, Duration.ofSeconds(Long.parseLong(seconds)), plan.rounds);
    }

    String describe() {
        return warmUp.toMillis() / 1000.0 + " s warm-up per load, then " + rewarm.toMillis() + " ms again before each timed run, "
                + rounds + (rounds == 1 ? " round" : " rounds") + " of " + measure.toMillis() / 1000.0 + " s";
    }
}
