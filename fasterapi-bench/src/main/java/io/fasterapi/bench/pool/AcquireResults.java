package io.fasterapi.bench.pool;

import java.util.List;

/**
 * What the acquire benchmark measured: per-batch ns/op of the tight loops, and per-call latencies
 * of blocking callers on virtual threads at each concurrency, ours and HikariCP's, and the callers
 * that never returned (see {@link VirtualThreadCallers}).
 */
record AcquireResults(BatchTimer oursOnLoop, BatchTimer hikariOnThread, List<Concurrency> virtualThreads, List<String> stalls) {
    /** Both pools' latencies with {@code threads} virtual threads calling at once. */
    record Concurrency(int threads, LatencyHistogram ours, LatencyHistogram hikari) {
    }
}
