package io.fasterapi.bench.driver;

/**
 * What one timed run of a {@link Load} completed: {@code operations} in {@code elapsedNanos}, and
 * each operation's latency when the load records them (1 in flight).
 */
record Sample(long operations, long elapsedNanos, Latencies latencies) {
    double operationsPerSecond() {
        return operations * 1e9 / elapsedNanos;
    }
}
