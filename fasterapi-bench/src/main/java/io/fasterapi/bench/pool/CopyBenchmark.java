package io.fasterapi.bench.pool;

import io.fasterapi.bench.driver.Dsn;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

/**
 * COPY IN of one generated CSV into an emptied table, and COPY OUT of the loaded table to a null
 * sink, by psql, our driver and pgjdbc: each peer {@code copyRepeats} times, in an order rotated
 * every repeat; the table is truncated (and checkpointed) before every COPY IN, and every load is
 * checked to hold all the rows.
 */
final class CopyBenchmark {
    private CopyBenchmark() {
    }

    static CopyResults run(Dsn dsn, PoolPlan plan) throws Exception {
        System.out.println("generating a " + plan.csvBytes() / 1_000_000 + " MB CSV");
        try (CsvFile csv = CsvFile.generate(plan.csvBytes());
                Connection admin = DriverManager.getConnection(dsn.jdbcUrl(), dsn.jdbcProperties())) {
            System.out.printf("  %s: %,d bytes, %,d rows%n", csv.path(), csv.bytes(), csv.rows());
            CopyTable.create(admin);
            List<CopyPeer> peers = new ArrayList<>();
            try {
                peers.add(new PsqlCopy(dsn));
                peers.add(new FasterApiCopy(dsn));
                peers.add(new PgjdbcCopy(dsn));
                return measure(plan, csv, admin, peers);
            } finally {
                for (CopyPeer p : peers) {
                    p.close();
                }
                CopyTable.drop(admin);
            }
        }
    }

    private static CopyResults measure(PoolPlan plan, CsvFile csv, Connection admin, List<CopyPeer> peers) throws Exception {
        CopyResults results = new CopyResults(csv.bytes());
        for (int r = 0; r < plan.copyRepeats(); r++) {
            for (CopyPeer peer : rotated(peers, r)) {
                CopyTable.truncate(admin);
                long start = System.nanoTime();
                peer.copyIn(csv.path());
                double seconds = (System.nanoTime() - start) / 1e9;
                long rows = CopyTable.rows(admin);
                if (rows != csv.rows()) {
                    throw new IllegalStateException(peer.name() + " loaded " + rows + " rows of " + csv.rows());
                }
                results.add(CopyResults.Direction.IN, peer.name(), seconds);
                System.out.printf("COPY IN  run %d  %-20s %6.2f s  %6.1f MB/s%n", r + 1, peer.name(), seconds, csv.bytes() / 1e6 / seconds);
            }
        }
        CopyTable.settle(admin);
        for (CopyPeer peer : peers) {
            // warm-up: the table's pages into the server's cache, our code through the JIT
            long bytes = peer.copyOut();
            if (bytes >= 0 && bytes != csv.bytes()) {
                throw new IllegalStateException(peer.name() + " received " + bytes + " bytes of COPY OUT, not " + csv.bytes());
            }
        }
        for (int r = 0; r < plan.copyRepeats(); r++) {
            for (CopyPeer peer : rotated(peers, r)) {
                long start = System.nanoTime();
                peer.copyOut();
                double seconds = (System.nanoTime() - start) / 1e9;
                results.add(CopyResults.Direction.OUT, peer.name(), seconds);
                System.out.printf("COPY OUT run %d  %-20s %6.2f s  %6.1f MB/s%n", r + 1, peer.name(), seconds, csv.bytes() / 1e6 / seconds);
            }
        }
        return results;
    }

    private static <T> List<T> rotated(List<T> items, int by) {
        List<T> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(items.get((i + by) % items.size()));
        }
        return out;
    }
}
