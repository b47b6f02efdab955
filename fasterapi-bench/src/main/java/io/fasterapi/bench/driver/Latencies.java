package io.fasterapi.bench.driver;

import java.util.Arrays;

/** Per-operation latencies in nanoseconds. Appended by one thread at a time; read after the run. */
final class Latencies {
    private long[] samples = new long[1 << 14];
    private int count;

    void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    void addAll(Latencies other) {
        for (int i = 0; i < other.count; i++) {
            add(other.samples[i]);
        }
    }

    int count() {
        return count;
    }

    /** The {@code p}-th percentile (0..100) in nanoseconds; NaN when nothing was recorded. */
    double percentile(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, rank))];
    }
}
