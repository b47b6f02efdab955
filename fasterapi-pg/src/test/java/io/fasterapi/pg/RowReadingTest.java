package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.testing.TestPostgres;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rows read straight from the receive buffers they arrived in: across many buffers, in and out of
 * column order, through every typed getter, and failing clearly once closed or on a bad conversion.
 */
class RowReadingTest {
    private static final long SEED = 0x5eed_2026L;
    private static final String MANY = "SELECT g AS id, g::bigint * 3 AS triple, 'v' || g AS label, g % 3 = 0 AS third"
            + " FROM generate_series(1, $1) g";
    static PgTestDb db;
    static ChoppingProxy proxy;
    static PgPool chopped;

    @BeforeAll
    static void setUp() throws Exception {
        db = new PgTestDb(RowReadingTest.class);
        proxy = new ChoppingProxy(TestPostgres.dsn(), SEED);
        chopped = PgPool.builder(proxy.dsn(TestPostgres.dsn())).threads(1).maxSize(2).build();
        System.out.println("RowReadingTest: proxy seed " + SEED);
    }

    @AfterAll
    static void tearDown() throws Exception {
        chopped.close();
        proxy.close();
        db.close();
    }

    record Many(int id, long triple, String label, boolean third) {
    }

    /** What {@link #MANY} should sum to over rows 1..n, computed the same way as {@link #checksum}. */
    private static long expectedChecksum(int n) {
        long h = 0;
        for (int g = 1; g <= n; g++) {
            h = mix(h, g, g * 3L, "v" + g, g % 3 == 0);
        }
        return h;
    }

    private static long mix(long h, int id, long triple, String label, boolean third) {
        return h * 31 + id + triple * 7 + label.hashCode() + (third ? 1 : 0);
    }

    private static long checksum(Iterable<Row> rows) {
        long h = 0;
        for (Row r : rows) {
            h = mix(h, r.getInt(0), r.getLong(1), r.getString(2), r.getBoolean(3));
        }
        return h;
    }

    @Test
    void readsHundredThousandRowsAcrossReceiveBuffersOfManySizes() {
        // Two columns, read once: under the test's PARANOID leak detector every buffer access records a trace.
        int n = 100_000;
        long expected = 0;
        for (int g = 1; g <= n; g++) {
            expected = expected * 31 + g * 7L + g * 3L;
        }
        try (Pg pg = chopped.get(); QueryResult result = pg.exec("SELECT g, g::bigint * 3 FROM generate_series(1, $1) g", n)) {
            assertThat(result.size()).isEqualTo(n);
            long h = 0;
            for (Row r : result) {
                h = h * 31 + r.getInt(0) * 7L + r.getLong(1);
            }
            assertThat(h).isEqualTo(expected);
            List<Row> all = result.all();
            for (int i = n - 1; i >= 0; i -= 4999) {
                assertThat(all.get(i).getLong(1)).isEqualTo((i + 1) * 3L);
            }
        }
    }

    @Test
    void mapsRecordsFromRowsAcrossReceiveBuffers() {
        int n = 5_000;
        try (Pg pg = chopped.get()) {
            long h = 0;
            for (Many m : pg.exec(MANY, n).as(Many.class)) {
                h = mix(h, m.id(), m.triple(), m.label(), m.third());
            }
            assertThat(h).isEqualTo(expectedChecksum(n));
        }
    }

    @Test
    void readsTextRowsOfTheSimpleProtocolAcrossReceiveBuffers() {
        try (Pg pg = chopped.get()) {
            List<QueryResult> results = pg.script(MANY.replace("$1", "5000") + "; " + MANY.replace("$1", "3"));
            try (QueryResult first = results.get(0); QueryResult second = results.get(1)) {
                assertThat(checksum(first)).isEqualTo(expectedChecksum(5_000));
                assertThat(checksum(second)).isEqualTo(expectedChecksum(3));
            }
        }
    }

    @Test
    void streamsChunksAcrossReceiveBuffers() {
        try (Pg pg = chopped.get(); RowStream rows = pg.stream(MANY, 777, 10_000)) {
            assertThat(checksum(rows)).isEqualTo(expectedChecksum(10_000));
            assertThat(rows.rowsRead()).isEqualTo(10_000);
        }
    }

    @Test
    void pipelinedResultsEachKeepTheirOwnRows() throws Exception {
        try (Pg pg = chopped.get()) {
            List<io.fasterapi.core.Future<QueryResult>> futures = new java.util.ArrayList<>();
            for (int i = 1; i <= 100; i++) {
                futures.add(pg.execAsync(MANY, i * 3));
            }
            for (int i = 1; i <= 100; i++) {
                try (QueryResult r = futures.get(i - 1).await()) {
                    assertThat(checksum(r)).isEqualTo(expectedChecksum(i * 3));
                }
            }
        }
    }

    @Test
    void readsColumnsInAnyOrder() {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int c = 0; c < 24; c++) {
            sql.append(c == 0 ? "" : ", ").append(c % 4 == 3 ? "NULL::int" : "g * 100 + " + c).append(" AS c").append(c);
        }
        sql.append(" FROM generate_series(1, 50) g");
        try (Pg pg = db.pool.get(); QueryResult result = pg.exec(sql.toString())) {
            for (Row r : result) {
                int g = r.getInt(0) / 100;
                for (int c = 23; c >= 0; c--) {
                    assertThat(r.isNull(c)).isEqualTo(c % 4 == 3);
                    if (c % 4 != 3) {
                        assertThat(r.getInt(c)).isEqualTo(g * 100 + c);
                    }
                }
                assertThat(r.getInt("c5")).isEqualTo(g * 100 + 5);
                assertThat(r.getInt("c1")).isEqualTo(g * 100 + 1);
            }
            Row narrow = pg.exec("SELECT 1 AS a, 'two' AS b, 3::bigint AS c").one();
            assertThat(narrow.getLong(2)).isEqualTo(3);
            assertThat(narrow.getInt(0)).isEqualTo(1);
            assertThat(narrow.getString(1)).isEqualTo("two");
            assertThat(narrow.getLong(2)).isEqualTo(3);
            assertThatThrownBy(() -> narrow.get(3)).isInstanceOf(PgException.class).hasMessageContaining("out of range");
            assertThatThrownBy(() -> narrow.get(-1)).isInstanceOf(PgException.class).hasMessageContaining("out of range");
        }
    }

    @Test
    void typedGettersAgreeWithGenericConversions() {
        String sql = "SELECT 7::int2 AS s, 70000::int4 AS i, 7000000000::int8 AS l, 1.5::float4 AS f, 2.25::float8 AS d,"
                + " true AS b, 'text'::text AS t, 'vc'::varchar AS v, 'pad'::char(5) AS p, 'nm'::name AS n,"
                + " 12.50::numeric AS num";
        try (Pg pg = db.pool.get()) {
            for (Row r : List.of(pg.exec(sql).one(), pg.script(sql).get(0).one())) {
                assertThat(r.getInt("s")).isEqualTo(7);
                assertThat(r.getLong("s")).isEqualTo(7);
                assertThat(r.getDouble("s")).isEqualTo(7.0);
                assertThat(r.getInt("i")).isEqualTo(70000);
                assertThat(r.getLong("i")).isEqualTo(70000);
                assertThat(r.getDouble("i")).isEqualTo(70000.0);
                assertThat(r.getLong("l")).isEqualTo(7_000_000_000L);
                assertThat(r.getDouble("l")).isEqualTo(7e9);
                assertThat(r.getDouble("f")).isEqualTo(1.5);
                assertThat(r.getDouble("d")).isEqualTo(2.25);
                assertThat(r.getBoolean("b")).isTrue();
                assertThat(r.getString("t")).isEqualTo("text");
                assertThat(r.getString("v")).isEqualTo("vc");
                assertThat(r.getString("p")).isEqualTo(r.get("p", String.class)).isEqualTo("pad  ");
                assertThat(r.getString("n")).isEqualTo("nm");
                assertThat(r.getString("i")).isEqualTo("70000");
                assertThat(r.getBigDecimal("num")).isEqualTo(new BigDecimal("12.50"));
                assertThat(r.getBigDecimal("i")).isEqualTo(new BigDecimal(70000));
                assertThat(r.getDouble("num")).isEqualTo(12.5);
                assertThat(r.get("l", Long.class)).isEqualTo(7_000_000_000L);
                assertThat(r.get("i", long.class)).isEqualTo(70000L);
            }
        }
    }

    @Test
    void aFailedConversionNamesTheColumn() {
        try (Pg pg = db.pool.get()) {
            Row r = pg.exec("SELECT 7000000000::int8 AS big, 'abc'::text AS label, NULL::int AS missing,"
                    + " NULL::float8 AS nothing, 'NaN'::numeric AS nan").one();
            assertThatThrownBy(() -> r.getInt("big")).isInstanceOf(PgException.class)
                    .hasMessageContaining("column 'big' (bigint)").hasMessageContaining("cannot be read as int");
            assertThatThrownBy(() -> r.get("label", UUID.class)).isInstanceOf(PgException.class)
                    .hasMessageContaining("column 'label' (text)");
            assertThatThrownBy(() -> r.getInt("missing")).isInstanceOf(PgException.class)
                    .hasMessageContaining("column 'missing' (integer) is NULL");
            assertThatThrownBy(() -> r.getDouble("nothing")).isInstanceOf(PgException.class)
                    .hasMessageContaining("column 'nothing'").hasMessageContaining("NULL");
            assertThatThrownBy(() -> r.getBigDecimal("nan")).isInstanceOf(PgException.class)
                    .hasMessageContaining("column 'nan' (numeric)");
            assertThat(r.getString("missing")).isNull();
            assertThat(r.get("missing", Integer.class)).isNull();
        }
    }

    @Test
    void rowsOfAClosedResultFailClearly() {
        try (Pg pg = db.pool.get()) {
            QueryResult result = pg.exec(MANY, 10);
            Row kept = result.all().get(4);
            assertThat(kept.getInt(0)).isEqualTo(5);
            result.close();
            assertThatThrownBy(() -> kept.getInt(0)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("result closed");
            assertThatThrownBy(() -> kept.getString("label")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("result closed");
            assertThatThrownBy(() -> result.all().get(0)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("result closed");
            result.close(); // closing twice is harmless
        }
    }
}
