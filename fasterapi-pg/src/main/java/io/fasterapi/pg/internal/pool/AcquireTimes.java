package io.fasterapi.pg.internal.pool;

import java.time.Duration;

/**
 * How long acquisitions waited, in log-linear buckets (four per power of two, so a percentile is
 * within 19% of the truth) — a fixed array, no allocation per record. Confined to the shard's loop;
 * other threads read it through the pool's stats snapshot.
 */
final class AcquireTimes {
    private static final int SUB = 4;
    private final long[] buckets = new long[64 * SUB];
    private long count;
    private long totalNanos;
    private long maxNanos;

    /** Records an acquisition served at once without reading the clock (the common case). */
    void recordImmediate() {
        buckets[0]++;
        count++;
    }

    /** Records {@code n} acquisitions served at once (claims off the loop, counted in bulk). */
    void recordImmediate(int n) {
        buckets[0] += n;
        count += n;
    }

    void record(long nanos) {
        long v = Math.max(0, nanos);
        buckets[index(v)]++;
        count++;
        totalNanos += v;
        maxNanos = Math.max(maxNanos, v);
    }

    private static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int log = 63 - Long.numberOfLeadingZeros(v);
        int sub = (int) (v >>> (log - 2)) & (SUB - 1);
        return (log - 1) * SUB + sub;
    }

    /** Upper bound of the values counted in bucket {@code i}. */
    private static long upper(int i) {
        if (i < SUB) {
            return i;
        }
        int log = i / SUB + 1;
        int sub = i % SUB;
        return ((long) (SUB + sub + 1) << (log - 2)) - 1;
    }

    long count() {
        return count;
    }

    long totalNanos() {
        return totalNanos;
    }

    /** The {@code q}-quantile (0..1) of recorded waits; zero before any. */
    Duration percentile(double q) {
        if (count == 0) {
            return Duration.ZERO;
        }
        long rank = (long) Math.ceil(q * count);
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen >= rank && buckets[i] > 0) {
                return Duration.ofNanos(Math.min(upper(i), maxNanos));
            }
        }
        return Duration.ofNanos(maxNanos);
    }

    Duration max() {
        return Duration.ofNanos(maxNanos);
    }
}
