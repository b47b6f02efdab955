package io.fasterapi.bench.pool;

/**
 * Latencies in nanoseconds, counted in log-linear buckets (64 per power of two, so a percentile is
 * within 1.6% of the true value) instead of kept one by one: an acquire takes well under a
 * microsecond, and a few seconds of them would not fit in the heap. One writer at a time.
 */
final class LatencyHistogram {
    private static final int SUB_BUCKET_BITS = 6;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    private final long[] counts = new long[64 * SUB_BUCKETS];
    private long total;

    void add(long nanos) {
        counts[index(Math.max(0, nanos))]++;
        total++;
    }

    void addAll(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    long count() {
        return total;
    }

    /** The {@code p}-th percentile (0..100): the upper edge of its bucket; NaN when nothing was recorded. */
    double percentile(double p) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return upperEdge(i);
            }
        }
        return upperEdge(counts.length - 1);
    }

    /** Values below 128 have a bucket each; above, the top 7 bits pick one of 64 buckets per power of two. */
    private static int index(long v) {
        int shift = Math.max(0, 63 - Long.numberOfLeadingZeros(v) - SUB_BUCKET_BITS);
        return shift * SUB_BUCKETS + (int) (v >>> shift);
    }

    private static long upperEdge(int index) {
        if (index < 2 * SUB_BUCKETS) {
            return index;
        }
        int shift = index / SUB_BUCKETS - 1;
        long top = index % SUB_BUCKETS + SUB_BUCKETS;
        return ((top + 1) << shift) - 1;
    }
}
