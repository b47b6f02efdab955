package io.fasterapi.bench.driver;

import java.util.List;
import java.util.Locale;

/** Renders the measurements as the markdown table of docs/benchmarks.md, ratios and targets included. */
final class DriverReport {
    private static final List<String> OURS = List.of(FasterApiPeer.NAME, FasterApiBlockingPeer.NAME);

    private final Measurements m;

    DriverReport(Measurements m) {
        this.m = m;
    }

    String table() {
        StringBuilder b = new StringBuilder();
        b.append("| scenario | in flight | driver | how | throughput | p50 µs | p99 µs | client CPU µs/op | server CPU µs/op"
                + " | busiest backend on CPU | round spread | ours/vertx | ours/pgjdbc | ours/pgbench | ours/pgbench pipeline |\n");
        b.append("|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Scenario s : Scenario.values()) {
            for (String peer : m.peers(s)) {
                boolean ours = OURS.contains(peer);
                b.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %,.0f %s | %s | %s | %s | %s | %s | %.0f%% | %s | %s | %s | %s |%n",
                        s.title, s.inFlight, ours ? "**" + peer + "**" : peer, m.how(s, peer), m.throughput(s, peer), s.unit,
                        micros(m.latencyMicros(s, peer, 50)), micros(m.latencyMicros(s, peer, 99)),
                        cpu(m.clientCpuMicrosPerOperation(s, peer)), cpu(m.serverCpuMicrosPerOperation(s, peer)),
                        percent(m.busiestServerProcessShare(s, peer)), 100 * m.spread(s, peer),
                        ours ? ratio(s, peer, VertxPeer.NAME) : "", ours ? ratio(s, peer, PgjdbcPeer.NAME) : "",
                        ours ? ratio(s, peer, PgbenchPeer.NAME) : "", ours ? ratio(s, peer, PgbenchPeer.PIPELINED_NAME) : ""));
            }
        }
        return b.toString();
    }

    /** The targets, each with the measured figure and whether it is met. */
    String targets() {
        StringBuilder b = new StringBuilder();
        b.append("| target (pg issue) | measured | |\n|---|---:|---|\n");
        target(b, "point lookups, 16 in flight: ≥ 1.3x vertx-pg-client", vs(Scenario.POINT_LOOKUP_16, VertxPeer.NAME), 1.3, true);
        target(b, "point lookups, 16 in flight: ≥ 2x pgjdbc (16 threads)", vs(Scenario.POINT_LOOKUP_16, PgjdbcPeer.NAME), 2, true);
        target(b, "point lookup, 1 in flight, " + FasterApiPeer.NAME + ": p50 latency ≤ 1.15x pgbench's",
                latencyVsPgbench(Scenario.POINT_LOOKUP_1, FasterApiPeer.NAME), 1.15, false);
        double blocking = latencyVsPgbench(Scenario.POINT_LOOKUP_1, FasterApiBlockingPeer.NAME);
        b.append(String.format(Locale.ROOT, "| (not a target) the same from a virtual thread, %s: p50 latency vs"
                + " pgbench's | %.2fx | %s |%n", FasterApiBlockingPeer.NAME, blocking,
                blocking <= 1.15 ? "within the bound too" : "above the bound: two thread hand-offs, see below"));
        target(b, "wide fetch: ≥ 1.5x pgjdbc", vs(Scenario.WIDE_FETCH, PgjdbcPeer.NAME), 1.5, true);
        double faster = Math.max(m.throughput(Scenario.MANY_ROWS, VertxPeer.NAME), m.throughput(Scenario.MANY_ROWS, PgjdbcPeer.NAME));
        target(b, "100,000 rows: ≥ 1.2x the faster of vertx-pg-client and pgjdbc",
                m.throughput(Scenario.MANY_ROWS, FasterApiPeer.NAME) / faster, 1.2, true);
        double fasterBatch = Math.max(m.throughput(Scenario.BATCH_INSERT, VertxPeer.NAME),
                m.throughput(Scenario.BATCH_INSERT, PgjdbcPeer.NAME));
        target(b, "batch inserts: ≥ 1.0x the faster of vertx-pg-client and pgjdbc executeBatch",
                m.throughput(Scenario.BATCH_INSERT, FasterApiPeer.NAME) / fasterBatch, 1.0, true);
        b.append(String.format(Locale.ROOT, "| (not a target) batch inserts vs pgjdbc with reWriteBatchedInserts, which"
                + " sends other SQL (multi-row INSERTs) | %.2fx | |%n",
                m.throughput(Scenario.BATCH_INSERT, FasterApiPeer.NAME) / m.throughput(Scenario.BATCH_INSERT, PgjdbcPeer.REWRITE_NAME)));
        return b.toString();
    }

    private double vs(Scenario s, String peer) {
        return m.throughput(s, FasterApiPeer.NAME) / m.throughput(s, peer);
    }

    private double latencyVsPgbench(Scenario s, String ours) {
        return m.latencyMicros(s, ours, 50) / m.latencyMicros(s, PgbenchPeer.NAME, 50);
    }

    private static void target(StringBuilder b, String what, double measured, double bound, boolean atLeast) {
        String verdict = Double.isNaN(measured) ? "not measured"
                : (atLeast ? measured >= bound : measured <= bound) ? "met" : "**missed**";
        b.append(String.format(Locale.ROOT, "| %s | %.2fx | %s |%n", what, measured, verdict));
    }

    private String ratio(Scenario s, String ours, String peer) {
        double r = m.throughput(s, ours) / m.throughput(s, peer);
        return Double.isNaN(r) ? "" : String.format(Locale.ROOT, "%.2fx", r);
    }

    private static String cpu(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, v < 100 ? "%.1f" : "%,.0f", v);
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "" : String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }

    private static String micros(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.0f", v);
    }
}
