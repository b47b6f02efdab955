package io.fasterapi.bench.pool;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The table the COPY benchmark loads and unloads, in a schema of its own that is dropped afterwards. */
final class CopyTable {
    static final String SCHEMA = "fasterapi_pool_bench";
    static final String NAME = SCHEMA + ".copy_target";
    static final String COPY_IN_SQL = "COPY " + NAME + " FROM STDIN (FORMAT csv)";
    static final String COPY_OUT_SQL = "COPY " + NAME + " TO STDOUT (FORMAT csv)";

    private CopyTable() {
    }

    static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
            s.execute("CREATE TABLE " + NAME + " (" + CsvFile.COLUMNS + ")");
        }
    }

    /** Empties the table and flushes dirty pages, so one run's writes are not the next run's checkpoint. */
    static void truncate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("TRUNCATE " + NAME);
            s.execute("CHECKPOINT");
        }
    }

    /** Sets hint bits and freezes, so the first COPY OUT does not pay for writing them. */
    static void settle(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("VACUUM (FREEZE, ANALYZE) " + NAME);
            s.execute("CHECKPOINT");
        }
    }

    static long rows(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM " + NAME)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void drop(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }
}
