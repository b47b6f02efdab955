package io.fasterapi.bench.driver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * pgbench {@code -M prepared} with a custom script of the same query, the server's own limit (libpq,
 * C, no JVM). Two shapes: {@link #connections} runs {@code -c N} clients (N connections, as pgjdbc
 * must), {@link #pipelined} runs one client sending batches of 16 between {@code \startpipeline}
 * and {@code \endpipeline} (one connection, as ours and vertx-pg-client do; a batch waits for all 16
 * before the next starts, so it is at most 16 in flight rather than always 16).
 */
final class PgbenchPeer implements Peer {
    static final String NAME = "pgbench";
    static final String PIPELINED_NAME = "pgbench pipeline";
    private static final Pattern TRANSACTIONS = Pattern.compile("number of transactions actually processed: (\\d+)");
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private final Dsn dsn;
    private final boolean pipelined;

    private PgbenchPeer(Dsn dsn, boolean pipelined) {
        this.dsn = dsn;
        this.pipelined = pipelined;
    }

    static PgbenchPeer connections(Dsn dsn) {
        return new PgbenchPeer(dsn, false);
    }

    static PgbenchPeer pipelined(Dsn dsn) {
        return new PgbenchPeer(dsn, true);
    }

    @Override
    public String name() {
        return pipelined ? PIPELINED_NAME : NAME;
    }

    @Override
    public String how(Scenario s) {
        if (pipelined) {
            return "-c 1 -j 1, \\startpipeline of " + s.inFlight;
        }
        return s.inFlight == 1 ? "-c 1 -j 1" : "-c " + s.inFlight + " -j 2";
    }

    @Override
    public boolean runsInThisJvm() {
        return false;
    }

    @Override
    public Load load(Scenario s) {
        boolean runs = s.isQueryRate() && (pipelined ? s.inFlight > 1 : true);
        return runs ? nanos -> run(s, nanos) : null;
    }

    private Sample run(Scenario s, long nanos) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("pgbench");
        try {
            Path script = dir.resolve("script.sql");
            Files.writeString(script, script(s), StandardCharsets.UTF_8);
            long seconds = Math.max(1, Math.round(nanos / 1e9));
            List<String> cmd = new ArrayList<>(List.of("pgbench", "-n", "-M", "prepared", "-f", script.toString(),
                    "-T", Long.toString(seconds)));
            int clients = pipelined ? 1 : s.inFlight;
            cmd.addAll(List.of("-c", Integer.toString(clients), "-j", clients == 1 ? "1" : "2"));
            boolean latencies = s.inFlight == 1;
            if (latencies) {
                cmd.addAll(List.of("-l", "--log-prefix", dir.resolve("log").toString()));
            }
            cmd.add(dsn.url());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(seconds + 60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("pgbench failed: " + String.join(" ", cmd) + "\n" + out);
            }
            long transactions = Long.parseLong(find(TRANSACTIONS, out, cmd));
            double tps = Double.parseDouble(find(TPS, out, cmd));
            long queriesPerTransaction = pipelined ? s.inFlight : 1;
            return new Sample(transactions * queriesPerTransaction, (long) (transactions / tps * 1e9),
                    latencies ? readLogs(dir) : new Latencies());
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    private String script(Scenario s) {
        String query = s.isPointLookup() ? s.sql().replace("$1", ":id") : s.sql();
        if (!pipelined) {
            return (s.isPointLookup() ? "\\set id random(1, " + BenchSchema.WORLD_ROWS + ")\n" : "") + query + ";\n";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= s.inFlight; i++) {
            if (s.isPointLookup()) {
                b.append("\\set id").append(i).append(" random(1, ").append(BenchSchema.WORLD_ROWS).append(")\n");
            }
        }
        b.append("\\startpipeline\n");
        for (int i = 1; i <= s.inFlight; i++) {
            b.append(s.isPointLookup() ? query.replace(":id", ":id" + i) : query).append(";\n");
        }
        return b.append("\\endpipeline\n").toString();
    }

    private static String find(Pattern p, String out, List<String> cmd) {
        Matcher m = p.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no '" + p + "' in the output of " + String.join(" ", cmd) + ":\n" + out);
        }
        return m.group(1);
    }

    /** Per-transaction log lines: client, transaction number, latency in microseconds, ... */
    private static Latencies readLogs(Path dir) throws IOException {
        Latencies l = new Latencies();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("log")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    String[] fields = line.split(" ");
                    l.add(Long.parseLong(fields[2]) * 1000);
                }
            }
        }
        return l;
    }

    @Override
    public void close() {
    }
}
