package io.fasterapi.bench.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The loop both HTTP benchmarks share: round by round, each server in a JVM of its own, each load
 * warmed up then measured with wrk, the peers interleaved so machine noise falls on all of them.
 */
public final class InterleavedRuns {
    /**
     * A server under test: a name for the tables, the main class that serves on {@code args[0]}, JVM
     * flags of its own after the common ones (e.g. {@code -Dfasterapi.virtualThreads=jdk}), and the names
     * of the loads it serves (empty: every load; a peer may have only some of the routes).
     */
    public record Server(String name, String mainClass, List<String> extraFlags, List<String> onlyLoads) {
        public Server(String name, String mainClass, List<String> extraFlags) {
            this(name, mainClass, extraFlags, List.of());
        }

        public Server(String name, String mainClass) {
            this(name, mainClass, List.of());
        }

        boolean serves(Load load) {
            return onlyLoads.isEmpty() || onlyLoads.contains(load.name());
        }
    }

    /** One wrk load: a name, the path, and how deep to pipeline (1 for none). */
    public record Load(String name, String path, int pipelineDepth) {
    }

    private InterleavedRuns() {
    }

    /** The JVM flags scripts/bench.sh passes for the servers ({@code -Dfasterapi.bench.jvmFlags}). */
    public static List<String> jvmFlags() {
        return Arrays.stream(System.getProperty("fasterapi.bench.jvmFlags", "").trim().split("\\s+"))
                .filter(s -> !s.isEmpty()).toList();
    }

    /** Runs every load against every server for {@code rounds} rounds; results by {@link #key}. */
    public static Map<String, List<Wrk.Result>> run(List<Server> servers, List<Load> loads, int rounds, int warmupSeconds,
            int seconds, int wrkThreads, int connections, String logDirPrefix) throws IOException {
        List<String> flags = jvmFlags();
        Path logs = Files.createTempDirectory(logDirPrefix);
        Map<String, List<Wrk.Result>> results = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Server server : servers) {
                List<String> serverFlags = new ArrayList<>(flags);
                serverFlags.addAll(server.extraFlags());
                try (ServerProcess process = ServerProcess.start(server.mainClass(), serverFlags,
                        logs.resolve(server.name() + ".log"))) {
                    // Every load warmed up before any is timed: the first load measured on a fresh JVM
                    // would otherwise pay for the JIT compiling what all of them share.
                    for (Load load : loads) {
                        if (server.serves(load)) {
                            Wrk.run("http://127.0.0.1:" + process.port() + load.path(), wrkThreads, connections, warmupSeconds,
                                    load.pipelineDepth());
                        }
                    }
                    for (Load load : loads) {
                        if (!server.serves(load)) {
                            continue;
                        }
                        String url = "http://127.0.0.1:" + process.port() + load.path();
                        Wrk.run(url, wrkThreads, connections, 1, load.pipelineDepth()); // warm again, as the load before cooled it
                        long cpuBefore = process.cpuNanos();
                        Wrk.Result r = Wrk.run(url, wrkThreads, connections, seconds, load.pipelineDepth());
                        long cpuAfter = process.cpuNanos();
                        r = r.withServerCpu(cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore, seconds);
                        System.out.printf(Locale.ROOT,
                                "round %d %-10s %-11s %,12.0f req/s  p50 %.2f ms  p99 %.2f ms  errors %d  server CPU %.2f µs/req%n",
                                round, server.name(), load.name(), r.requestsPerSec(), r.p50Millis(), r.p99Millis(), r.errors(),
                                r.serverCpuMicrosPerRequest());
                        results.computeIfAbsent(key(load.name(), server.name()), k -> new ArrayList<>()).add(r);
                    }
                }
            }
        }
        return results;
    }

    /** The key of a load's results on a server in {@link #run}'s map. */
    public static String key(String load, String server) {
        return load + "/" + server;
    }

    /** The server's CPU per request over every round of a load, in microseconds (mean of the rounds). */
    public static double serverCpuMicrosPerRequest(List<Wrk.Result> rs) {
        return rs.stream().mapToDouble(Wrk.Result::serverCpuMicrosPerRequest).average().orElse(Double.NaN);
    }

    /** Every round's requests/s, in run order, for the tables' notes. */
    public static String rounds(List<Wrk.Result> rs) {
        return String.join(" / ", rs.stream().map(r -> String.format(Locale.ROOT, "%,.0f", r.requestsPerSec())).toList());
    }

    /** The round with the median throughput. */
    public static Wrk.Result median(List<Wrk.Result> rs) {
        List<Wrk.Result> sorted = new ArrayList<>(rs);
        sorted.sort((a, b) -> Double.compare(a.requestsPerSec(), b.requestsPerSec()));
        return sorted.get(sorted.size() / 2);
    }
}
