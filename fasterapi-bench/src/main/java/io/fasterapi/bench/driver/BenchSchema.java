package io.fasterapi.bench.driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The tables the driver benchmark reads, in a schema of their own that is dropped afterwards:
 * TechEmpower's {@code world} (10,000 rows), {@code wide} (1,000 rows of 8 column types) and
 * {@code many} (100,000 rows), and {@code inserted}, the batch inserts' target, emptied before each run.
 */
final class BenchSchema {
    static final String NAME = "fasterapi_driver_bench";
    static final int WORLD_ROWS = 10_000;
    static final int WIDE_ROWS = 1_000;
    static final int MANY_ROWS = 100_000;
    static final int BATCH_ROWS = 1_000;

    private BenchSchema() {
    }

    static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + NAME + " CASCADE");
            s.execute("CREATE SCHEMA " + NAME);
            s.execute("CREATE TABLE " + NAME + ".world (id int PRIMARY KEY, randomnumber int NOT NULL)");
            s.execute("INSERT INTO " + NAME + ".world SELECT i, 1 + (random() * 9999)::int FROM generate_series(1, "
                    + WORLD_ROWS + ") i");
            s.execute("CREATE TABLE " + NAME + ".wide AS SELECT i::int AS i4, i::bigint * 1000003 AS i8,"
                    + " 'row ' || i || ' of the wide fetch' AS txt, (i * 3.14159)::numeric(12, 5) AS num,"
                    + " timestamptz '2025-01-01 00:00:00+00' + i * interval '1 minute' AS ts, i % 2 = 0 AS flag,"
                    + " i / 7.0::float8 AS f8, md5(i::text)::uuid AS uid FROM generate_series(1, " + WIDE_ROWS + ") i");
            s.execute("CREATE TABLE " + NAME + ".many AS SELECT i AS id, 1 + (random() * 9999)::int AS randomnumber"
                    + " FROM generate_series(1, " + MANY_ROWS + ") i");
            s.execute("CREATE TABLE " + NAME + ".inserted (id int NOT NULL, randomnumber int NOT NULL)");
            s.execute("VACUUM ANALYZE " + NAME + ".world");
            s.execute("VACUUM ANALYZE " + NAME + ".wide");
            s.execute("VACUUM ANALYZE " + NAME + ".many");
        }
    }

    /** Empties the batch inserts' table, so that every run inserts into the same small table. */
    static void truncateInserted(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("TRUNCATE " + NAME + ".inserted");
        }
    }

    static void drop(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + NAME + " CASCADE");
        }
    }
}
