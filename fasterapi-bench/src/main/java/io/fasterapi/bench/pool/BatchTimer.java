package io.fasterapi.bench.pool;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Times a tight loop in batches: {@code batch} returns the nanoseconds one batch of
 * {@link #OPS_PER_BATCH} operations took, and the per-batch costs are kept so the median and the
 * best decile can be read (the median is the headline; on a shared machine a slow batch is often
 * another process's, not ours).
 */
final class BatchTimer {
    static final int OPS_PER_BATCH = 10_000;
    private double[] nanosPerOp = new double[256];
    private int count;

    /** Runs batches for {@code nanos}; records them unless this is a warm-up. */
    void run(long nanos, boolean record, LongSupplier batch) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            double perOp = (double) batch.getAsLong() / OPS_PER_BATCH;
            if (record) {
                if (count == nanosPerOp.length) {
                    nanosPerOp = Arrays.copyOf(nanosPerOp, count * 2);
                }
                nanosPerOp[count++] = perOp;
            }
        }
    }

    double percentile(double p) {
        double[] sorted = Arrays.copyOf(nanosPerOp, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count) - 1;
        return count == 0 ? Double.NaN : sorted[Math.max(0, Math.min(count - 1, rank))];
    }

    int batches() {
        return count;
    }
}
