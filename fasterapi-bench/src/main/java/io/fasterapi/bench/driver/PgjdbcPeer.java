package io.fasterapi.bench.driver;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * pgjdbc over HikariCP, used as an application does: each operation borrows a connection, prepares
 * the statement (pgjdbc's per-connection cache makes it server-prepared from the 5th use), runs it
 * and reads every value. pgjdbc cannot pipeline, so 16 in flight means 16 threads and 16
 * connections. Batch inserts use {@code executeBatch}; {@link #rewritingBatchedInserts} is a second
 * peer with {@code reWriteBatchedInserts=true}, which runs only those.
 */
final class PgjdbcPeer implements Peer {
    static final String NAME = "pgjdbc + HikariCP";
    static final String REWRITE_NAME = "pgjdbc reWriteBatchedInserts";
    private final HikariDataSource pool;
    private final boolean rewrite;

    PgjdbcPeer(Dsn dsn) {
        this(dsn, false, 16);
    }

    private PgjdbcPeer(Dsn dsn, boolean rewrite, int connections) {
        this.rewrite = rewrite;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(dsn.jdbcUrl());
        java.util.Properties properties = dsn.jdbcProperties();
        if (rewrite) {
            properties.setProperty("reWriteBatchedInserts", "true");
        }
        config.setDataSourceProperties(properties);
        config.setMaximumPoolSize(connections);
        config.setMinimumIdle(connections);
        config.setPoolName(rewrite ? "bench-pgjdbc-rewrite" : "bench-pgjdbc");
        pool = new HikariDataSource(config);
    }

    /** pgjdbc with {@code reWriteBatchedInserts=true}: batch inserts only. */
    static PgjdbcPeer rewritingBatchedInserts(Dsn dsn) {
        return new PgjdbcPeer(dsn, true, 1);
    }

    @Override
    public String name() {
        return rewrite ? REWRITE_NAME : NAME;
    }

    @Override
    public String how(Scenario s) {
        if (s == Scenario.BATCH_INSERT) {
            return "1 thread, executeBatch" + (rewrite ? " rewritten into multi-row INSERTs" : "");
        }
        return s.inFlight == 1 ? "1 thread" : s.inFlight + " threads, " + s.inFlight + " connections (no pipelining)";
    }

    @Override
    public Load load(Scenario s) {
        String sql = s.jdbcSql();
        if (s == Scenario.BATCH_INSERT) {
            return new ThreadedClosedLoop(1, Thread.ofPlatform().daemon().factory(), () -> {
                try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int i = 0; i < BenchSchema.BATCH_ROWS; i++) {
                        ps.setInt(1, i);
                        ps.setInt(2, Scenario.randomWorldId());
                        ps.addBatch();
                    }
                    long inserted = 0;
                    for (int n : ps.executeBatch()) {
                        inserted += n; // SUCCESS_NO_INFO (-2) for rewritten batches: the sink only needs a value
                    }
                    return inserted;
                }
            });
        }
        if (rewrite) {
            return null;
        }
        return new ThreadedClosedLoop(s.inFlight, Thread.ofPlatform().daemon().factory(), () -> {
            try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                if (s.isPointLookup()) {
                    ps.setInt(1, Scenario.randomWorldId());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return read(s, rs);
                }
            }
        });
    }

    private static long read(Scenario s, ResultSet rs) throws java.sql.SQLException {
        long h = 0;
        while (rs.next()) {
            switch (s) {
                case SELECT_ONE_1, SELECT_ONE_16 -> h += rs.getInt(1);
                case POINT_LOOKUP_1, POINT_LOOKUP_16, MANY_ROWS -> h += rs.getInt(1) + rs.getInt(2);
                case WIDE_FETCH -> {
                    BigDecimal num = rs.getBigDecimal(4);
                    h += rs.getInt(1) + rs.getLong(2) + rs.getString(3).length() + num.scale()
                            + rs.getObject(5, OffsetDateTime.class).getMinute() + (rs.getBoolean(6) ? 1 : 0)
                            + (long) rs.getDouble(7) + rs.getObject(8, UUID.class).getLeastSignificantBits();
                }
            }
        }
        return h;
    }

    /** A plain connection for setting up and dropping the schema. */
    Connection connection() throws java.sql.SQLException {
        return pool.getConnection();
    }

    @Override
    public void close() {
        pool.close();
    }
}
