package io.fasterapi.bench.driver;

/**
 * What one timed run of a {@link Load} completed: {@code operations} in {@code elapsedNanos}, and
 * each operation's latency when the load records them (1 in flight). {@code clientCpuNanos} is the
 * CPU time this JVM used meanwhile (all threads), or -1 when the client is another program.
 */
record Sample(long operations, long elapsedNanos, Latencies latencies, long clientCpuNanos) {
    Sample(long operations, long elapsedNanos, Latencies latencies) {
        this(operations, elapsedNanos, latencies, -1);
    }

    double operationsPerSecond() {
        return operations * 1e9 / elapsedNanos;
    }

    Sample withClientCpu(long cpuNanos) {
        return new Sample(operations, elapsedNanos, latencies, cpuNanos);
    }
}
