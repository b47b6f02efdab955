package io.fasterapi.bench.driver;

/**
 * What one timed run of a {@link Load} completed: {@code operations} in {@code elapsedNanos}, and
 * each operation's latency when the load records them (1 in flight). {@code clientCpuNanos} is the
 * CPU time this JVM used meanwhile (all threads), or -1 when the client is another program;
 * {@code server} the PostgreSQL server's CPU meanwhile.
 */
record Sample(long operations, long elapsedNanos, Latencies latencies, long clientCpuNanos, ServerCpu.Usage server) {
    Sample(long operations, long elapsedNanos, Latencies latencies) {
        this(operations, elapsedNanos, latencies, -1, ServerCpu.Usage.UNKNOWN);
    }

    double operationsPerSecond() {
        return operations * 1e9 / elapsedNanos;
    }

    Sample withClientCpu(long cpuNanos) {
        return new Sample(operations, elapsedNanos, latencies, cpuNanos, server);
    }

    Sample withServerCpu(ServerCpu.Usage usage) {
        return new Sample(operations, elapsedNanos, latencies, clientCpuNanos, usage);
    }
}
