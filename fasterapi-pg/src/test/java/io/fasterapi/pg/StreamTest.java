package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.testing.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StreamTest {
    static PgTestDb db;

    @BeforeAll
    static void setUp() {
        db = new PgTestDb(StreamTest.class);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void streamsAllRowsInChunksOutsideATransaction() {
        try (Pg pg = db.pool.get()) {
            long count = 0;
            long sum = 0;
            try (RowStream rows = pg.stream("SELECT g FROM generate_series(1, $1) g", 100, 10_000)) {
                assertThat(rows.columns()).extracting(Column::name).containsExactly("g");
                for (Row r : rows) {
                    count++;
                    sum += r.getInt(0);
                }
                assertThat(rows.rowsRead()).isEqualTo(10_000);
            }
            assertThat(count).isEqualTo(10_000);
            assertThat(sum).isEqualTo(10_000L * 10_001 / 2);
            assertThat(pg.inTransaction()).isFalse();
            assertThat(pg.exec("SELECT 3").scalar(Integer.class)).isEqualTo(3);
        }
    }

    @Test
    void closingEarlyClosesThePortalAndEndsTheImplicitTransaction() {
        try (Pg pg = db.pool.get()) {
            try (RowStream rows = pg.stream("SELECT g FROM generate_series(1, 1000000) g", 100)) {
                Iterator<Row> it = rows.iterator();
                for (int i = 1; i <= 250; i++) {
                    assertThat(it.next().getInt(0)).isEqualTo(i);
                }
            }
            assertThat(pg.exec("SELECT count(*) FROM pg_cursors WHERE statement LIKE '%series(1, 1' || '000000)%'").scalar(Long.class)).isZero();
            assertThat(pg.inTransaction()).isFalse();
            assertThat(pg.exec("SELECT 4").scalar(Integer.class)).isEqualTo(4);
        }
    }

    @Test
    void streamsInsideATransactionWhichStaysOpen() {
        try (Pg pg = db.pool.get(); Tx tx = pg.begin()) {
            tx.exec("CREATE TEMP TABLE t AS SELECT g FROM generate_series(1, 5000) g");
            List<Integer> seen = new ArrayList<>();
            try (RowStream rows = tx.stream("SELECT g FROM t WHERE g % $1 = 0 ORDER BY g", 7, 1000)) {
                rows.forEach(r -> seen.add(r.getInt(0)));
            }
            assertThat(seen).containsExactly(1000, 2000, 3000, 4000, 5000);
            assertThat(pg.inTransaction()).isTrue();
            assertThat(tx.exec("SELECT count(*) FROM t").scalar(Long.class)).isEqualTo(5000);
        }
    }

    @Test
    void errorMidStreamFailsIterationAndTheConnectionRecovers() {
        try (Pg pg = db.pool.get()) {
            RowStream rows = pg.stream("SELECT 1 / (g - 5000) FROM generate_series(1, 10000) g", 1000);
            List<Row> got = new ArrayList<>();
            assertThatThrownBy(() -> rows.forEach(got::add)).isInstanceOf(PgException.class)
                    .satisfies(e -> assertThat(((PgException) e).code()).isEqualTo("22012"));
            rows.close();
            assertThat(got).hasSizeGreaterThanOrEqualTo(4000);
            assertThat(pg.inTransaction()).isFalse();
            assertThat(pg.exec("SELECT 5").scalar(Integer.class)).isEqualTo(5);
        }
    }

    @Test
    void bufferedResultOffersTheSameInterface() {
        try (Pg pg = db.pool.get()) {
            int total = 0;
            try (RowStream rows = pg.exec("SELECT g FROM generate_series(1, 10) g").stream(3)) {
                for (Row r : rows) {
                    total += r.getInt(0);
                }
            }
            assertThat(total).isEqualTo(55);
        }
    }

    @Test
    void streamsFiveMillionRowsInA64MegabyteHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                StreamMain.class.getName(), TestPostgres.dsn(), "5000000")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        long n = 5_000_000L;
        assertThat(out).as(out).contains("OK " + n + " " + n * (n + 1) / 2 + " ");
    }
}
