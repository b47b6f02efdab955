package io.fasterapi.bench.pool;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Seconds per run of each peer's COPY IN and COPY OUT of one file's worth of data. */
final class CopyResults {
    enum Direction { IN, OUT }

    private final long bytes;
    private final Map<String, List<Double>> seconds = new LinkedHashMap<>();

    CopyResults(long bytes) {
        this.bytes = bytes;
    }

    void add(Direction d, String peer, double runSeconds) {
        seconds.computeIfAbsent(d + "/" + peer, k -> new ArrayList<>()).add(runSeconds);
    }

    long bytes() {
        return bytes;
    }

    /** Median run's throughput in MB/s (10^6 bytes). */
    double megabytesPerSecond(Direction d, String peer) {
        return bytes / 1e6 / median(d, peer);
    }

    /** The slowest run's throughput against the fastest one's, as a spread. */
    double spread(Direction d, String peer) {
        double[] s = runs(d, peer);
        return s[s.length - 1] / s[0] - 1;
    }

    private double median(Direction d, String peer) {
        double[] s = runs(d, peer);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private double[] runs(Direction d, String peer) {
        double[] s = seconds.get(d + "/" + peer).stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(s);
        return s;
    }
}
