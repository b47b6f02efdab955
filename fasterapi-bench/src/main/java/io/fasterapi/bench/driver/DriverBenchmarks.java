package io.fasterapi.bench.driver;

import io.fasterapi.bench.report.BenchmarkDoc;
import io.fasterapi.bench.report.MachineFacts;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares our PostgreSQL driver with pgjdbc (+ HikariCP), vertx-pg-client and pgbench in one run
 * against the server of {@code $FASTERAPI_PG_URL}: SELECT 1 and point lookups at 1 and 16 in
 * flight, a 1,000-row wide fetch, 100,000 rows and batches of 1,000 INSERTs; prints the table with ratios and writes it into
 * docs/benchmarks.md (section "driver"). Argument {@code quick} for a short run.
 *
 * <p>For profiling one load: {@code -Dfasterapi.bench.scenarios=WIDE_FETCH,MANY_ROWS} and
 * {@code -Dfasterapi.bench.peers=fasterapi} keep only those; a filtered run prints its table but
 * does not write it into the docs.
 */
public final class DriverBenchmarks {
    private DriverBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        RunPlan plan = RunPlan.of(args.length > 0 && args[0].equals("quick"));
        Dsn dsn = Dsn.fromEnvironment();
        Measurements measurements = new Measurements();
        String server;
        try (PgjdbcPeer pgjdbc = new PgjdbcPeer(dsn)) {
            try (Connection c = pgjdbc.connection()) {
                server = serverVersion(c);
                BenchSchema.create(c);
            }
            try {
                List<Peer> peers = List.of(new FasterApiPeer(dsn), new FasterApiBlockingPeer(dsn), new VertxPeer(dsn), pgjdbc,
                        PgjdbcPeer.rewritingBatchedInserts(dsn), PgbenchPeer.connections(dsn), PgbenchPeer.pipelined(dsn));
                try {
                    measure(plan, peers, measurements, pgjdbc);
                } finally {
                    for (Peer p : peers) {
                        if (p != pgjdbc) {
                            p.close();
                        }
                    }
                }
            } finally {
                try (Connection c = pgjdbc.connection()) {
                    BenchSchema.drop(c);
                }
            }
        }
        String md = markdown(plan, server, new DriverReport(measurements));
        System.out.println();
        System.out.println(md);
        System.out.println("(sink " + Sink.value() + ")");
        if (Selection.isEverything()) {
            BenchmarkDoc.writeSection("driver", md);
        } else {
            System.out.println("a filtered run: docs/benchmarks.md left as it was");
        }
    }

    private static void measure(RunPlan plan, List<Peer> peers, Measurements measurements, PgjdbcPeer setup)
            throws Exception {
        Map<String, Load> loads = new LinkedHashMap<>();
        Map<String, Peer> peerOf = new HashMap<>();
        Map<String, Scenario> scenarioOf = new HashMap<>();
        for (Scenario s : Scenario.values()) {
            for (Peer peer : peers) {
                Load load = Selection.includes(s) && Selection.includes(peer) ? peer.load(s) : null;
                if (load != null) {
                    String key = s + "/" + peer.name();
                    loads.put(key, load);
                    peerOf.put(key, peer);
                    scenarioOf.put(key, s);
                }
            }
        }
        // Every load warms up before any is timed, so no peer times code the JIT compiled for another's run.
        for (Map.Entry<String, Load> e : loads.entrySet()) {
            if (peerOf.get(e.getKey()).runsInThisJvm()) {
                System.out.println("warm-up  " + e.getKey());
                emptyInsertedTable(scenarioOf.get(e.getKey()), setup);
                e.getValue().run(plan.warmUp().toNanos());
            }
        }
        List<String> keys = List.copyOf(loads.keySet());
        for (int round = 0; round < plan.rounds(); round++) {
            for (String key : rotated(keys, round * 7)) {
                Peer peer = peerOf.get(key);
                Scenario s = scenarioOf.get(key);
                Load load = loads.get(key);
                emptyInsertedTable(s, setup);
                if (peer.runsInThisJvm()) {
                    load.run(plan.rewarm().toNanos());
                }
                long cpuBefore = processCpuNanos();
                var serverBefore = ServerCpu.snapshot();
                Sample sample = load.run(plan.measure().toNanos());
                sample = sample.withServerCpu(peer.runsInThisJvm()
                        ? ServerCpu.between(serverBefore, ServerCpu.snapshot()) : ServerCpu.Usage.UNKNOWN);
                if (peer.runsInThisJvm()) {
                    sample = sample.withClientCpu(processCpuNanos() - cpuBefore);
                }
                measurements.add(s, peer, sample);
                System.out.printf("round %d  %-32s %-20s %,12.0f %s%n", round + 1, s.title + " @" + s.inFlight, peer.name(),
                        sample.operationsPerSecond() * s.rowsPerOperation, s.unit);
            }
        }
    }

    /** Before a batch-insert run: every peer inserts into the same empty table. */
    private static void emptyInsertedTable(Scenario s, PgjdbcPeer setup) throws java.sql.SQLException {
        if (s == Scenario.BATCH_INSERT) {
            try (Connection c = setup.connection()) {
                BenchSchema.truncateInserted(c);
            }
        }
    }

    private static <T> List<T> rotated(List<T> items, int by) {
        List<T> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(items.get((i + by) % items.size()));
        }
        return out;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String serverVersion(Connection c) throws java.sql.SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String markdown(RunPlan plan, String server, DriverReport report) {
        String flags = System.getProperty("fasterapi.bench.jvmFlags", "").trim();
        return "## PostgreSQL driver (issue: pg driver)\n\n"
                + "Machine: " + MachineFacts.describe() + "; PostgreSQL " + server + " on the same machine (loopback TCP)."
                + " Load average (1/5/15 min) when the run ended: " + MachineFacts.loadAverage() + " on "
                + Runtime.getRuntime().availableProcessors() + " cores, the benchmark's own threads included; this"
                + " virtual machine's rounds disagree by tens of percent even when nothing else runs (the round spread"
                + " column), so treat differences under ~15% as noise. Client CPU per operation"
                + " (all threads of the benchmark JVM while the load ran, GC and JIT included) depends far less on that"
                + " noise than throughput does. Server CPU per operation is all PostgreSQL processes' CPU time over the run"
                + " (from /proc, 10 ms ticks); \"busiest backend on CPU\" is the share of the run the busiest server process"
                + " spent on a core: near 100% for a load on one connection means that backend, not the client, set the pace.\n\n"
                + "Command: `scripts/bench.sh driver" + (plan.quick() ? " quick" : "") + "` (JVM flags `" + flags + "`); "
                + plan.describe() + ", every load warmed up before any is timed, then the loads interleaved in an order rotated every round; throughput is the"
                + " median round, latencies are over all rounds.\n\n"
                + report.table() + "\n"
                + "Drivers: fasterapi 0.1.0-SNAPSHOT, pgjdbc 42.7.14 with HikariCP 7.1.0 (a borrow and a prepareStatement per"
                + " query, as an application does; server-prepared from the 5th use), vertx-pg-client 5.0.7 (statement cache"
                + " on, pipelining limit 256), pgbench `-M prepared` with a custom script of the same query. Async drivers"
                + " start the next query from the completion of the last on the connection's event loop. pgjdbc cannot"
                + " pipeline: its 16-in-flight rows use 16 threads on 16 pooled connections, and so does pgbench `-c 16`;"
                + " `pgbench pipeline` sends batches of 16 between `\\startpipeline` and `\\endpipeline` on one connection."
                + " Every value of every row is read (wide: int, bigint, text, numeric, timestamptz, bool, float8, uuid)."
                + " Batch inserts (each into a table emptied before every run, autocommit: one implicit transaction a"
                + " batch): ours `pg.runMany` (one Parse, a Bind/Execute a row, one Sync), pgjdbc `executeBatch` with"
                + " `reWriteBatchedInserts` off (its default) and on (rewritten into multi-row INSERTs), vertx-pg-client"
                + " `executeBatch`.\n\n"
                + "### Targets\n\n" + report.targets();
    }
}
