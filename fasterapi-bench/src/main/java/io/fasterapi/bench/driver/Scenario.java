package io.fasterapi.bench.driver;

/**
 * What is measured. Point lookups pick a random id of TechEmpower's {@code world} table; the wide
 * fetch and the 100,000 rows read every value of every row; a batch insert sends 1,000 rows.
 * Throughput is counted in {@code rowsPerOperation} units (1 for queries, the row count for fetches
 * and batches).
 */
enum Scenario {
    SELECT_ONE_1("SELECT 1", 1, 1, "queries/s"),
    SELECT_ONE_16("SELECT 1", 16, 1, "queries/s"),
    POINT_LOOKUP_1("point lookup (world by id)", 1, 1, "queries/s"),
    POINT_LOOKUP_16("point lookup (world by id)", 16, 1, "queries/s"),
    WIDE_FETCH("1,000 rows x 8 mixed columns", 1, BenchSchema.WIDE_ROWS, "rows/s"),
    MANY_ROWS("100,000 rows x 2 int columns", 1, BenchSchema.MANY_ROWS, "rows/s"),
    /** One operation is one batch: an INSERT run for each of 1,000 rows, in one implicit transaction. */
    BATCH_INSERT("INSERT batches of 1,000 rows x 2 int columns", 1, BenchSchema.BATCH_ROWS, "rows/s");

    static final String SELECT_ONE_SQL = "SELECT 1";
    static final String POINT_LOOKUP_SQL = "SELECT id, randomnumber FROM " + BenchSchema.NAME + ".world WHERE id = $1";
    static final String WIDE_SQL = "SELECT i4, i8, txt, num, ts, flag, f8, uid FROM " + BenchSchema.NAME + ".wide";
    static final String MANY_ROWS_SQL = "SELECT id, randomnumber FROM " + BenchSchema.NAME + ".many";
    static final String BATCH_INSERT_SQL = "INSERT INTO " + BenchSchema.NAME + ".inserted(id, randomnumber) VALUES ($1, $2)";

    final String title;
    final int inFlight;
    final int rowsPerOperation;
    final String unit;

    Scenario(String title, int inFlight, int rowsPerOperation, String unit) {
        this.title = title;
        this.inFlight = inFlight;
        this.rowsPerOperation = rowsPerOperation;
        this.unit = unit;
    }

    String sql() {
        return switch (this) {
            case SELECT_ONE_1, SELECT_ONE_16 -> SELECT_ONE_SQL;
            case POINT_LOOKUP_1, POINT_LOOKUP_16 -> POINT_LOOKUP_SQL;
            case WIDE_FETCH -> WIDE_SQL;
            case MANY_ROWS -> MANY_ROWS_SQL;
            case BATCH_INSERT -> BATCH_INSERT_SQL;
        };
    }

    /** The SQL with JDBC's {@code ?} placeholders instead of {@code $n}. */
    String jdbcSql() {
        return sql().replaceAll("\\$[0-9]+", "?");
    }

    boolean isPointLookup() {
        return this == POINT_LOOKUP_1 || this == POINT_LOOKUP_16;
    }

    boolean isQueryRate() {
        return rowsPerOperation == 1;
    }

    /** A random id of the world table, as TechEmpower's tests draw them. */
    static int randomWorldId() {
        return java.util.concurrent.ThreadLocalRandom.current().nextInt(1, BenchSchema.WORLD_ROWS + 1);
    }
}
