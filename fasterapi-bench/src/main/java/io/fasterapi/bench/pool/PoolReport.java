package io.fasterapi.bench.pool;

import io.fasterapi.bench.pool.CopyResults.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The markdown tables of the pool benchmark and the verdict on each target of the pool issue. */
final class PoolReport {
    static final double ON_LOOP_TARGET_NANOS = 100;
    static final double VIRTUAL_THREAD_P99_TARGET_NANOS = 20_000;
    static final double SEED_P99_NANOS = 100_000;
    static final double COPY_IN_TARGET = 0.9;
    static final double COPY_OUT_TARGET = 1.0;
    static final List<String> COPY_PEERS = List.of("psql \\copy", "fasterapi", "pgjdbc CopyManager");

    private final AcquireResults acquire;
    private final CopyResults copy;
    private final List<String> targets = new ArrayList<>();

    PoolReport(AcquireResults acquire, CopyResults copy) {
        this.acquire = acquire;
        this.copy = copy;
    }

    String acquireTable() {
        StringBuilder md = new StringBuilder();
        md.append("| caller | pool | p50 | p99 | p99.9 | p50 vs HikariCP | p99 vs HikariCP |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|\n");
        BatchTimer ours = acquire.oursOnLoop();
        BatchTimer hikari = acquire.hikariOnThread();
        md.append(row("tight loop (ns/op per batch of " + BatchTimer.OPS_PER_BATCH + ")", "fasterapi, on the shard's loop",
                ours.percentile(50), ours.percentile(99), ours.percentile(99.9), hikari.percentile(50), hikari.percentile(99)));
        md.append(row("", "HikariCP, on a platform thread", hikari.percentile(50), hikari.percentile(99), hikari.percentile(99.9),
                Double.NaN, Double.NaN));
        verdict(ours.percentile(50) <= ON_LOOP_TARGET_NANOS, String.format(Locale.ROOT,
                "acquire+release on the shard's loop at most 100 ns: %s (HikariCP %s on a platform thread)",
                nanos(ours.percentile(50)), nanos(hikari.percentile(50))));
        for (AcquireResults.Concurrency c : acquire.virtualThreads()) {
            String caller = c.threads() + (c.threads() == 1 ? " virtual thread" : " virtual threads") + ", blocking";
            md.append(row(caller, "fasterapi `get()`+`close()`", c.ours(), c.hikari()));
            md.append(row("", "HikariCP `getConnection()`+`close()`", c.hikari(), null));
            double p99 = c.ours().percentile(99);
            verdict(p99 < VIRTUAL_THREAD_P99_TARGET_NANOS && acquire.stalls().isEmpty(), String.format(Locale.ROOT,
                    "%s: p99 under 20 µs: %s (HikariCP %s; the seed's 100 µs: %s)", caller, nanos(p99),
                    nanos(c.hikari().percentile(99)), p99 < SEED_P99_NANOS ? "met" : "missed")
                    + (acquire.stalls().isEmpty() ? "" : "; but callers stalled, see \"Stalled callers\" above"));
        }
        if (!acquire.stalls().isEmpty()) {
            md.append("\n**Stalled callers:** ").append(acquire.stalls().size()).append(" blocking callers never returned"
                    + " (parked in `Future.await()` under `PgPool.get()` with the future already complete; their calls are"
                    + " not in the table). The first: ").append(acquire.stalls().getFirst()).append('\n');
        }
        return md.toString();
    }

    String copyTable() {
        StringBuilder md = new StringBuilder();
        md.append("| direction | peer | MB/s (median run) | run spread | vs psql |\n");
        md.append("|---|---|---:|---:|---:|\n");
        for (Direction d : Direction.values()) {
            double psql = copy.megabytesPerSecond(d, COPY_PEERS.getFirst());
            for (String peer : COPY_PEERS) {
                double mbs = copy.megabytesPerSecond(d, peer);
                md.append(String.format(Locale.ROOT, "| COPY %s | %s | %.1f | %.0f%% | %.2fx |%n", d, peer, mbs,
                        copy.spread(d, peer) * 100, mbs / psql));
            }
            double ratio = copy.megabytesPerSecond(d, "fasterapi") / psql;
            double target = d == Direction.IN ? COPY_IN_TARGET : COPY_OUT_TARGET;
            verdict(ratio >= target, String.format(Locale.ROOT, "COPY %s at least %.1fx psql: %.2fx", d, target, ratio));
        }
        return md.toString();
    }

    /** One line per target, in the order the tables checked them; call after both tables. */
    String targets() {
        StringBuilder md = new StringBuilder();
        targets.forEach(t -> md.append("- ").append(t).append('\n'));
        return md.toString();
    }

    private void verdict(boolean met, String what) {
        targets.add((met ? "**met** — " : "**missed** — ") + what);
    }

    private static String row(String caller, String pool, LatencyHistogram l, LatencyHistogram reference) {
        return row(caller, pool, l.percentile(50), l.percentile(99), l.percentile(99.9),
                reference == null ? Double.NaN : reference.percentile(50), reference == null ? Double.NaN : reference.percentile(99));
    }

    private static String row(String caller, String pool, double p50, double p99, double p999, double refP50, double refP99) {
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", caller, pool, nanos(p50), nanos(p99), nanos(p999),
                ratio(p50, refP50), ratio(p99, refP99));
    }

    private static String ratio(double ours, double reference) {
        return Double.isNaN(reference) ? "" : String.format(Locale.ROOT, "%.2fx", ours / reference);
    }

    static String nanos(double ns) {
        if (ns >= 1_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", ns / 1_000_000);
        }
        if (ns >= 10_000) {
            return String.format(Locale.ROOT, "%.1f µs", ns / 1000);
        }
        if (ns >= 1_000) {
            return String.format(Locale.ROOT, "%.2f µs", ns / 1000);
        }
        return String.format(Locale.ROOT, "%.0f ns", ns);
    }
}
