package io.fasterapi.bench.futures;

import io.fasterapi.bench.report.BenchmarkDoc;
import io.fasterapi.bench.report.MachineFacts;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the futures benchmarks (ready chains, chains completed later by the loop, whenAll of 16)
 * against CompletableFuture and Vert.x in one JVM run each, prints ops/s and bytes/op with ratios,
 * and writes the table into docs/benchmarks.md. Arguments: {@code quick} for a short smoke run.
 */
public final class FuturesBenchmarks {
    private FuturesBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("quick");
        String jvmFlags = System.getProperty("fasterapi.bench.jvmFlags", "");
        OptionsBuilder ob = new OptionsBuilder();
        ob.include(ReadyChainBenchmark.class.getName() + "|" + LaterChainBenchmark.class.getName() + "|"
                + WhenAllBenchmark.class.getName())
                .forks(1)
                .warmupIterations(quick ? 1 : 3).warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 2 : 5).measurementTime(TimeValue.seconds(quick ? 1 : 2))
                .addProfiler(GCProfiler.class)
                .jvmArgsAppend("-Xms1g", "-Xmx1g");
        if (!jvmFlags.isBlank()) {
            ob.jvmArgsPrepend(jvmFlags.trim().split("\\s+"));
        }
        Options opts = ob.build();
        Collection<RunResult> results = new Runner(opts).run();

        Map<String, double[]> rows = new LinkedHashMap<>(); // "Group.impl" -> {ops/s, err, bytes/op}
        for (RunResult rr : results) {
            String label = rr.getParams().getBenchmark();
            label = label.substring(label.lastIndexOf('.', label.lastIndexOf('.') - 1) + 1);
            Result<?> primary = rr.getPrimaryResult();
            Result<?> alloc = rr.getSecondaryResults().get("gc.alloc.rate.norm");
            rows.put(label, new double[] {primary.getScore(), primary.getScoreError(), alloc == null ? Double.NaN : alloc.getScore()});
        }
        StringBuilder md = new StringBuilder();
        md.append("## Futures (issue: foundation)\n\n");
        md.append("Machine: ").append(MachineFacts.describe()).append(".\n\n");
        md.append("Command: `make bench-futures` (`scripts/bench.sh futures`")
                .append(quick ? " quick" : "").append("), JMH 1.37, 1 fork, ")
                .append(quick ? "1x1 s warm-up, 2x1 s" : "3x2 s warm-up, 5x2 s").append(" measurement, `-prof gc`.\n\n");
        md.append("| benchmark | implementation | ops/s | ± | bytes/op | ops/s vs CompletableFuture | bytes/op vs CompletableFuture |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (String group : new String[] {"ReadyChainBenchmark", "LaterChainBenchmark", "WhenAllBenchmark"}) {
            double[] cf = rows.get(group + ".completableFuture");
            for (String impl : new String[] {"baseline", "fasterapi", "completableFuture", "vertx", "fasterapiAcrossCalls",
                    "completableFutureAcrossCalls", "vertxAcrossCalls"}) {
                double[] r = rows.get(group + "." + impl);
                if (impl.endsWith("AcrossCalls")) {
                    cf = rows.get(group + ".completableFutureAcrossCalls");
                }
                if (r == null) {
                    continue;
                }
                md.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %.1f | %s | %s |%n", group, impl, r[0], r[1], r[2],
                        cf == null ? "" : String.format(Locale.ROOT, "%.2fx", r[0] / cf[0]),
                        // Below one byte per op CompletableFuture allocated nothing at all (escape analysis): no ratio.
                        cf == null || cf[2] < 1 ? "n/a" : String.format(Locale.ROOT, "%.2fx", r[2] / cf[2])));
            }
        }
        md.append("\nReady chains: 10 steps (map and flatMap alternating) on a completed future; inlined whole (where the JIT's escape analysis may remove every intermediate future, ours and CompletableFuture's alike) and `AcrossCalls`, where each pair of steps is a method the JIT does not inline, as when a handler returns its future to the framework (ratios there are against `completableFutureAcrossCalls`). `baseline` runs the same ten steps as plain calls, with no future: what is left above it is each implementation's own cost. Later chains: the same 10 steps"
                + " registered on a pending future that the event loop then completes, 1,000 per loop task. whenAll: 16 pending"
                + " futures joined, then completed by the loop, 200 per loop task. Target (foundation issue): ready chains at"
                + " least 3x CompletableFuture's ops/s with at most half its bytes per op.\n");
        System.out.println();
        System.out.println(md);
        BenchmarkDoc.writeSection("futures", md.toString());
    }
}
