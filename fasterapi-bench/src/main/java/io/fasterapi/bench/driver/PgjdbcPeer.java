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
 * connections.
 */
final class PgjdbcPeer implements Peer {
    static final String NAME = "pgjdbc + HikariCP";
    private final HikariDataSource pool;

    PgjdbcPeer(Dsn dsn) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(dsn.jdbcUrl());
        config.setDataSourceProperties(dsn.jdbcProperties());
        config.setMaximumPoolSize(16);
        config.setMinimumIdle(16);
        config.setPoolName("bench-pgjdbc");
        pool = new HikariDataSource(config);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String how(Scenario s) {
        return s.inFlight == 1 ? "1 thread" : s.inFlight + " threads, " + s.inFlight + " connections (no pipelining)";
    }

    @Override
    public Load load(Scenario s) {
        String sql = s.jdbcSql();
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
