package io.fasterapi.bench.http;

import io.fasterapi.bench.report.BenchmarkDoc;
import io.fasterapi.bench.report.MachineFacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
    record Peer(String name, String mainClass) {
    }

    record Test(String name, String path, int pipelineDepth) {
    }

    private static final List<Peer> PEERS = List.of(
            new Peer("fasterapi", FasterApiHttpServer.class.getName()),
            new Peer("vertx-web", VertxHttpServer.class.getName()),
            new Peer("javalin", JavalinHttpServer.class.getName()));
    private static final List<Test> TESTS = List.of(new Test("plaintext", "/plaintext", 16), new Test("json", "/json", 1));

    private HttpBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("quick");
        int rounds = quick ? 1 : 3;
        int warmup = quick ? 3 : 8;
        int seconds = quick ? 5 : 10;
        int connections = 256;
        int wrkThreads = 2;
        List<String> flags = Arrays.stream(System.getProperty("fasterapi.bench.jvmFlags", "").trim().split("\\s+"))
                .filter(s -> !s.isEmpty()).toList();
        Path logs = Files.createTempDirectory("http-bench");
        Map<String, List<Wrk.Result>> results = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Peer peer : PEERS) {
                try (ServerProcess server = ServerProcess.start(peer.mainClass(), flags, logs.resolve(peer.name() + ".log"))) {
                    for (Test test : TESTS) {
                        String url = "http://127.0.0.1:" + server.port() + test.path();
                        Wrk.run(url, wrkThreads, connections, warmup, test.pipelineDepth());
                        Wrk.Result r = Wrk.run(url, wrkThreads, connections, seconds, test.pipelineDepth());
                        System.out.printf(Locale.ROOT, "round %d %-10s %-9s %,12.0f req/s  p50 %.2f ms  p99 %.2f ms  errors %d%n",
                                round, peer.name(), test.name(), r.requestsPerSec(), r.p50Millis(), r.p99Millis(), r.errors());
                        results.computeIfAbsent(test.name() + "/" + peer.name(), k -> new ArrayList<>()).add(r);
                    }
                }
            }
        }
        StringBuilder md = new StringBuilder("## HTTP: plaintext and json (issue: web framework)\n\n");
        md.append("Machine: ").append(MachineFacts.describe()).append(". wrk and the server share its cores.\n\n");
        md.append("Command: `scripts/bench.sh http").append(quick ? " quick" : "").append("`: each server in its own JVM (")
                .append(String.join(" ", flags)).append(" -Xmx1g), ").append(rounds).append(" round(s) interleaving the peers, ")
                .append("wrk -t").append(wrkThreads).append(" -c").append(connections).append(", ").append(warmup)
                .append(" s warm-up then ").append(seconds)
                .append(" s measured per test; plaintext pipelined 16 deep as TechEmpower does. Median round shown.\n\n");
        md.append("| test | server | requests/s | p50 ms | p99 ms | errors | vs vertx-web |\n|---|---|---:|---:|---:|---:|---:|\n");
        for (Test test : TESTS) {
            Wrk.Result vertx = median(results.get(test.name() + "/vertx-web"));
            for (Peer peer : PEERS) {
                Wrk.Result r = median(results.get(test.name() + "/" + peer.name()));
                md.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.2f | %.2f | %d | %.2fx |%n", test.name(), peer.name(),
                        r.requestsPerSec(), r.p50Millis(), r.p99Millis(), r.errors(), r.requestsPerSec() / vertx.requestsPerSec()));
            }
        }
        md.append("\nTarget (web framework issue): at least 1.0x Vert.x web on both tests.\n");
        System.out.println();
        System.out.println(md);
        BenchmarkDoc.writeSection("http", md.toString());
    }

    private static Wrk.Result median(List<Wrk.Result> rs) {
        List<Wrk.Result> sorted = new ArrayList<>(rs);
        sorted.sort((a, b) -> Double.compare(a.requestsPerSec(), b.requestsPerSec()));
        return sorted.get(sorted.size() / 2);
    }
}
