package io.fasterapi.bench.pool;

import io.fasterapi.bench.driver.Dsn;
import io.fasterapi.bench.report.BenchmarkDoc;
import io.fasterapi.bench.report.MachineFacts;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The pool issue's benchmark against the server of {@code $FASTERAPI_PG_URL}: acquire+release of
 * our pool against HikariCP's (a tight loop on the shard's own loop, blocking callers on 1 and 16
 * virtual threads), then COPY IN of a generated CSV and COPY OUT of the table against
 * {@code psql \copy} and pgjdbc's CopyManager. Prints the tables with ratios and the verdict per
 * target, and writes them into docs/benchmarks.md (section "pool"). Argument {@code quick} for a
 * short run (and a 20 MB file); {@code -Dfasterapi.bench.pool.only=acquire} or {@code =copy} runs
 * one half, for profiling, and leaves the docs alone.
 */
public final class PoolBenchmarks {
    private PoolBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        PoolPlan plan = PoolPlan.of(args.length > 0 && args[0].equals("quick"));
        String only = System.getProperty("fasterapi.bench.pool.only", "");
        Dsn dsn = Dsn.fromEnvironment();
        String server = serverVersion(dsn);
        AcquireResults acquire = only.equals("copy") ? null : AcquireBenchmark.run(dsn, plan);
        CopyResults copy = only.equals("acquire") ? null : CopyBenchmark.run(dsn, plan);
        PoolReport report = new PoolReport(acquire, copy);
        StringBuilder md = new StringBuilder("## Connection pool and COPY (issue: pg pool)\n\n");
        md.append("Machine: ").append(MachineFacts.describe()).append("; PostgreSQL ").append(server)
                .append(" on the same machine (loopback TCP). Load average (1/5/15 min) when the run ended: ")
                .append(MachineFacts.loadAverage()).append(", the benchmark's own threads included; tails are noisy on"
                        + " this virtual machine: compare within the run, peers were interleaved.\n\n");
        md.append("Command: `scripts/bench.sh pool").append(plan.quick() ? " quick" : "").append("` (JVM flags `")
                .append(System.getProperty("fasterapi.bench.jvmFlags", "").trim()).append("`); ").append(plan.describe())
                .append(".\n\n");
        if (acquire != null) {
            md.append("### Acquire + release\n\n").append(report.acquireTable()).append('\n')
                    .append("Both pools hold ").append(AcquireBenchmark.POOL_SIZE).append(" open, idle connections (ours: one"
                            + " shard on a reactor of one loop); nothing runs on them, so this is the pool's own cost."
                            + " Tight loop: each batch is one task on the shard's loop calling `getAsync().valueNow()` and"
                            + " `close()` (an async caller there), against HikariCP 7.1.0's `getConnection()`+`close()` on a"
                            + " platform thread; its percentiles are over batch averages. Virtual threads: every call timed on"
                            + " its own, the calls of all threads and rounds merged; ours claims an idle connection from the"
                            + " shard's lock-free idle stack on the calling thread (one CAS, the loop is not woken) and"
                            + " gives it back the same way, hopping to the loop only when none is idle there, HikariCP's is a"
                            + " lock-free borrow on the calling thread. Times vs HikariCP: below 1.00x is faster.\n\n");
        }
        if (copy != null) {
            md.append("### COPY\n\n").append(report.copyTable()).append('\n')
                    .append(String.format(java.util.Locale.ROOT, "A generated CSV of %,d bytes", copy.bytes()))
                    .append(" (int, quoted text, numeric(12,2), timestamp) into a table without indexes, truncated and"
                            + " checkpointed before every COPY IN and counted after it; COPY OUT of that table (vacuumed"
                            + " and frozen first, one warm-up unload per peer) into a null sink. MB are 10^6 bytes of CSV."
                            + " psql runs as a child process timed from start to exit; ").append(howCopy()).append("\n\n");
        }
        md.append("### Targets\n\n").append(report.targets());
        System.out.println();
        System.out.println(md);
        if (only.isEmpty()) {
            BenchmarkDoc.writeSection("pool", md.toString());
        } else {
            System.out.println("a partial run: docs/benchmarks.md left as it was");
        }
    }

    private static String howCopy() {
        return "fasterapi: `CopyIn.from(Path)` and `Pg.copyOut(sql, OutputStream.nullOutputStream())` on a"
                + " one-connection pool; pgjdbc 42.7.14: `CopyManager.copyIn(sql, InputStream, 65536)` and"
                + " `copyOut(sql, OutputStream.nullOutputStream())`; psql: `\\copy ... FROM 'file' (FORMAT csv)` and"
                + " `\\copy ... TO '/dev/null' (FORMAT csv)`.";
    }

    private static String serverVersion(Dsn dsn) throws java.sql.SQLException {
        try (Connection c = DriverManager.getConnection(dsn.jdbcUrl(), dsn.jdbcProperties());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
