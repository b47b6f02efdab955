package io.fasterapi.bench.driver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/** The timed samples of every (scenario, peer), with the figures the report shows. */
final class Measurements {
    private final Map<Scenario, Map<String, List<Sample>>> samples = new LinkedHashMap<>();
    private final Map<Scenario, Map<String, String>> how = new LinkedHashMap<>();

    void add(Scenario s, Peer peer, Sample sample) {
        samples.computeIfAbsent(s, k -> new LinkedHashMap<>()).computeIfAbsent(peer.name(), k -> new ArrayList<>()).add(sample);
        how.computeIfAbsent(s, k -> new LinkedHashMap<>()).put(peer.name(), peer.how(s));
    }

    List<String> peers(Scenario s) {
        return List.copyOf(samples.getOrDefault(s, Map.of()).keySet());
    }

    String how(Scenario s, String peer) {
        return how.get(s).get(peer);
    }

    boolean has(Scenario s, String peer) {
        return samples.containsKey(s) && samples.get(s).containsKey(peer);
    }

    /** Throughput in the scenario's unit (queries/s or rows/s), of the median round; NaN if not measured. */
    double throughput(Scenario s, String peer) {
        if (!has(s, peer)) {
            return Double.NaN;
        }
        List<Double> rates = samples.get(s).get(peer).stream().map(Sample::operationsPerSecond)
                .sorted(Comparator.naturalOrder()).toList();
        return rates.get(rates.size() / 2) * s.rowsPerOperation;
    }

    /** Latency percentile in microseconds over all rounds; NaN when not recorded. */
    double latencyMicros(Scenario s, String peer, double percentile) {
        if (!has(s, peer)) {
            return Double.NaN;
        }
        Latencies all = new Latencies();
        samples.get(s).get(peer).forEach(x -> all.addAll(x.latencies()));
        return all.percentile(percentile) / 1000.0;
    }

    /** Client CPU per operation in microseconds, over all rounds; NaN when the client is not this JVM. */
    double clientCpuMicrosPerOperation(Scenario s, String peer) {
        return overAllRounds(s, peer, Sample::clientCpuNanos, Sample::operations) / 1000.0;
    }

    /** The PostgreSQL server's CPU per operation in microseconds (all its processes), over all rounds; NaN when unknown. */
    double serverCpuMicrosPerOperation(Scenario s, String peer) {
        return overAllRounds(s, peer, x -> x.server().totalNanos(), Sample::operations) / 1000.0;
    }

    /**
     * The share of the run during which the server's busiest process was on a CPU, over all rounds
     * (1.0: that backend never waited for the client); NaN when unknown.
     */
    double busiestServerProcessShare(Scenario s, String peer) {
        return overAllRounds(s, peer, x -> x.server().busiestNanos(), Sample::elapsedNanos);
    }

    /** The sum over all rounds of {@code measured} divided by that of {@code per}; NaN when a round did not measure it (-1). */
    private double overAllRounds(Scenario s, String peer, ToLongFunction<Sample> measured, ToLongFunction<Sample> per) {
        long total = 0;
        long of = 0;
        for (Sample x : samples.get(s).get(peer)) {
            long m = measured.applyAsLong(x);
            if (m < 0) {
                return Double.NaN;
            }
            total += m;
            of += per.applyAsLong(x);
        }
        return (double) total / of;
    }

    /** The spread of the rounds, (max - min) / median, as a noise indicator. */
    double spread(Scenario s, String peer) {
        List<Double> rates = samples.get(s).get(peer).stream().map(Sample::operationsPerSecond)
                .sorted(Comparator.naturalOrder()).toList();
        return (rates.getLast() - rates.getFirst()) / rates.get(rates.size() / 2);
    }
}
