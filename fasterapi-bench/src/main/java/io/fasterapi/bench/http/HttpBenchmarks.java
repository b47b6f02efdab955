package io.fasterapi.bench.http;

import io.fasterapi.bench.report.BenchmarkDoc;
import io.fasterapi.bench.report.MachineFacts;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * TechEmpower's plaintext (pipelined 16 deep) and json tests against FasterAPI, Vert.x web 5 and
 * Javalin 7, each server in a JVM of its own, the peers interleaved round by round in one run, wrk
 * on the same machine. Prints requests/s, p50 and p99 with ratios to Vert.x and writes the table
 * into docs/benchmarks.md (section "http"). Argument {@code quick} for a short run.
 */
public final class HttpBenchmarks {
    private static final List<InterleavedRuns.Server> PEERS = List.of(
            new InterleavedRuns.Server("fasterapi", FasterApiHttpServer.class.getName()),
            new InterleavedRuns.Server("vertx-web", VertxHttpServer.class.getName()),
            new InterleavedRuns.Server("javalin", JavalinHttpServer.class.getName()));
    private static final List<InterleavedRuns.Load> TESTS = List.of(
            new InterleavedRuns.Load("plaintext", "/plaintext", 16), new InterleavedRuns.Load("json", "/json", 1));

    private HttpBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("quick");
        int rounds = quick ? 1 : 5; // rounds of one load differ by up to 30% on a shared virtual machine
        int warmup = quick ? 3 : 8;
        int seconds = quick ? 5 : 10;
        int connections = 256;
        int wrkThreads = 2;
        List<String> flags = InterleavedRuns.jvmFlags();
        Map<String, List<Wrk.Result>> results = InterleavedRuns.run(PEERS, TESTS, rounds, warmup, seconds, wrkThreads,
                connections, "http-bench");
        StringBuilder md = new StringBuilder("## HTTP: plaintext and json (issue: web framework)\n\n");
        md.append("Machine: ").append(MachineFacts.describe()).append(". wrk and the server share its cores.\n\n");
        md.append("Command: `scripts/bench.sh http").append(quick ? " quick" : "").append("`: each server in its own JVM (")
                .append(String.join(" ", flags)).append(" -Xmx1g), ").append(rounds).append(" round(s) interleaving the peers, ")
                .append("wrk -t").append(wrkThreads).append(" -c").append(connections).append(", ").append(warmup)
                .append(" s warm-up of every test before any is timed, then 1 s again and ").append(seconds)
                .append(" s measured per test; plaintext pipelined 16 deep as TechEmpower does. Median round shown.\n\n");
        md.append("| test | server | requests/s | p50 ms | p99 ms | errors | vs vertx-web | server CPU µs/request"
                + " | CPU vs vertx-web | every round's requests/s |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (InterleavedRuns.Load test : TESTS) {
            Wrk.Result vertx = InterleavedRuns.median(results.get(InterleavedRuns.key(test.name(), "vertx-web")));
            for (InterleavedRuns.Server peer : PEERS) {
                List<Wrk.Result> all = results.get(InterleavedRuns.key(test.name(), peer.name()));
                Wrk.Result r = InterleavedRuns.median(all);
                double cpu = InterleavedRuns.serverCpuMicrosPerRequest(all);
                double vertxCpu = InterleavedRuns.serverCpuMicrosPerRequest(results.get(InterleavedRuns.key(test.name(), "vertx-web")));
                md.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.2f | %.2f | %d | %.2fx | %.1f | %.2fx | %s |%n", test.name(),
                        peer.name(), r.requestsPerSec(), r.p50Millis(), r.p99Millis(), r.errors(),
                        r.requestsPerSec() / vertx.requestsPerSec(), cpu, cpu / vertxCpu, InterleavedRuns.rounds(all)));
            }
        }
        md.append("\nServer CPU per request: the server JVM's CPU time (all threads, from /proc) over the measured run,"
                + " mean of the rounds; below 1.00x is less CPU than Vert.x web. It depends far less on what else the"
                + " machine runs than requests/s does. Load average (1/5/15 min) when the run ended: ")
                .append(MachineFacts.loadAverage()).append(", wrk's and the servers' own threads included.\n");
        md.append("\nTarget (web framework issue): at least 1.0x Vert.x web on both tests.\n");
        System.out.println();
        System.out.println(md);
        BenchmarkDoc.writeSection("http", md.toString());
    }
}
