package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Pg#runMany}: one statement run once per row in one exchange, against the real server. */
class BatchTest {
    static final PreparedQuery INSERT = PreparedQuery.of("INSERT INTO items(id, name) VALUES ($1, $2)");
    static final PreparedQuery COUNT = PreparedQuery.of("SELECT count(*) FROM items");
    static PgTestDb db;

    record Item(int id, String name) {
    }

    @BeforeAll
    static void setUp() {
        db = new PgTestDb(BatchTest.class);
        try (Pg pg = db.pool.get()) {
            pg.script("CREATE TABLE items (id int PRIMARY KEY, name text)");
        }
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @BeforeEach
    void empty() {
        try (Pg pg = db.pool.get()) {
            pg.script("TRUNCATE items");
        }
    }

    private static long count(Pg pg) {
        return pg.run(COUNT).scalar(Long.class);
    }

    private static Iterator<Object[]> rows(int n) {
        return IntStream.range(0, n).mapToObj(i -> new Object[] {i, "name " + i}).iterator();
    }

    @Test
    void roundTripsRecordsListsAndArrays() {
        try (Pg pg = db.pool.get()) {
            assertThat(pg.runMany(INSERT, List.of(new Item(1, "record"), new Item(2, "another")))).isEqualTo(2);
            assertThat(pg.runMany(INSERT, List.of(List.of(3, "list"), Arrays.asList(4, "list too")))).isEqualTo(2);
            assertThat(pg.runMany(INSERT, List.<Object[]>of(new Object[] {5, "array"}))).isEqualTo(1);
            List<String> names = pg.exec("SELECT id || ':' || name FROM items ORDER BY id").as(String.class);
            assertThat(names).containsExactly("1:record", "2:another", "3:list", "4:list too", "5:array");
        }
    }

    @Test
    void insertsAHundredThousandRowsStreamedLazily() {
        int n = 100_000;
        try (Pg pg = db.pool.get()) {
            long inserted = pg.runMany(INSERT, IntStream.range(0, n).mapToObj(i -> new Item(i, "name " + i)));
            assertThat(inserted).isEqualTo(n);
            Row stats = pg.exec("SELECT count(*), sum(id), max(name) FROM items WHERE name = 'name ' || id").one();
            assertThat(stats.get(0, Long.class)).isEqualTo(n);
            assertThat(stats.get(1, Long.class)).isEqualTo((long) n * (n - 1) / 2);
            // The connection runs on normally after a batch of many chunks.
            assertThat(pg.exec("SELECT 1").scalar(Integer.class)).isEqualTo(1);
        }
    }

    @Test
    void countsTheRowsEachExecutionAffects() {
        try (Pg pg = db.pool.get()) {
            pg.runMany(INSERT, rows(10));
            PreparedQuery rename = PreparedQuery.of("UPDATE items SET name = $2 WHERE id < $1");
            assertThat(pg.runMany(rename, List.of(List.of(3, "a"), List.of(5, "b")))).isEqualTo(3 + 5);
        }
    }

    @Test
    void emptyBatchSendsNothingAndReturnsZero() {
        try (Pg pg = db.pool.get()) {
            assertThat(pg.runMany(INSERT, List.of())).isZero();
            assertThat(pg.runMany(PreparedQuery.of("SELECT no_such_column FROM items"), List.of())).isZero();
            assertThat(pg.runManyAsync(INSERT, List.of()).await()).isZero();
            assertThat(count(pg)).isZero();
        }
    }

    @Test
    void failingRowInTheMiddleIsNamedAndNothingIsInserted() {
        try (Pg pg = db.pool.get()) {
            List<Object[]> batch = new ArrayList<>();
            rows(1000).forEachRemaining(batch::add);
            batch.set(500, new Object[] {499, "secret value"}); // duplicates row 499's key
            assertThatThrownBy(() -> pg.runMany(INSERT, batch))
                    .isInstanceOf(UniqueViolationException.class)
                    .hasMessageStartingWith("batch row 500: ERROR: duplicate key")
                    .satisfies(e -> assertThat(((PgException) e).code()).isEqualTo("23505"))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret value"));
            assertThat(count(pg)).isZero();
            assertThat(pg.inTransaction()).isFalse();
            assertThat(pg.runMany(INSERT, rows(3))).isEqualTo(3); // the connection and statement stay usable
        }
    }

    @Test
    void failingRowAfterManyChunksStopsTheBatchAndNothingIsInserted() {
        int n = 100_000;
        try (Pg pg = db.pool.get()) {
            Iterator<Object[]> rows = IntStream.range(0, n)
                    .mapToObj(i -> new Object[] {i == 60_000 ? 0 : i, "name " + i}).iterator();
            assertThatThrownBy(() -> pg.runMany(INSERT, rows))
                    .isInstanceOf(UniqueViolationException.class)
                    .hasMessageStartingWith("batch row 60000: ");
            assertThat(count(pg)).isZero();
            assertThat(pg.runMany(INSERT, rows(3))).isEqualTo(3);
        }
    }

    @Test
    void rowTheDriverCannotSendFailsTheBatchAndRollsBackTheRowsSentBeforeIt() {
        try (Pg pg = db.pool.get()) {
            Iterator<Object> rows = IntStream.range(0, 50_000)
                    .mapToObj(i -> i == 40_000 ? (Object) new Object[] {i} : new Object[] {i, "n"}).iterator();
            assertThatThrownBy(() -> pg.runMany(INSERT, rows))
                    .isInstanceOf(PgException.class)
                    .hasMessage("batch row 40000: the statement has 2 parameter(s) but the row has 1 value(s)");
            assertThat(count(pg)).isZero();

            assertThatThrownBy(() -> pg.runMany(INSERT, List.of(List.of(1, "a"), "not a row")))
                    .hasMessageStartingWith("batch row 1: java.lang.IllegalArgumentException: a row must be");
            assertThatThrownBy(() -> pg.runMany(INSERT, List.<Object[]>of(new Object[] {new Object(), "x"})))
                    .hasMessageStartingWith("batch row 0: parameter $1: cannot send java.lang.Object");
            assertThat(count(pg)).isZero();
            assertThat(pg.exec("SELECT 1").scalar(Integer.class)).isEqualTo(1);
        }
    }

    @Test
    void iteratorThatThrowsFailsTheBatchNamingTheRow() {
        try (Pg pg = db.pool.get()) {
            Iterator<Object[]> rows = IntStream.range(0, 20_000).mapToObj(i -> {
                if (i == 12_345) {
                    throw new IllegalStateException("source broke");
                }
                return new Object[] {i, "n"};
            }).iterator();
            assertThatThrownBy(() -> pg.runMany(INSERT, rows))
                    .isInstanceOf(PgException.class)
                    .hasMessageContaining("batch row 12345: ")
                    .hasMessageContaining("source broke");
            assertThat(count(pg)).isZero();
        }
    }

    @Test
    void nullValuesAreSqlNull() {
        try (Pg pg = db.pool.get()) {
            assertThat(pg.runMany(INSERT, List.of(new Item(1, null), new Object[] {2, null}))).isEqualTo(2);
            assertThat(pg.exec("SELECT count(*) FROM items WHERE name IS NULL").scalar(Long.class)).isEqualTo(2);
        }
    }

    @Test
    void insideATransactionTheRowsBelongToIt() {
        try (Pg pg = db.pool.get()) {
            try (Tx tx = pg.begin()) {
                assertThat(tx.runMany(INSERT, rows(100))).isEqualTo(100);
                assertThat(tx.run(COUNT).scalar(Long.class)).isEqualTo(100);
            } // rolled back
            assertThat(count(pg)).isZero();

            pg.tx(TxOptions.DEFAULT, tx -> tx.runMany(INSERT, rows(10)));
            assertThat(count(pg)).isEqualTo(10);

            try (Tx tx = pg.begin()) {
                assertThatThrownBy(() -> tx.runMany(INSERT, rows(20))).hasMessageStartingWith("batch row 0: ");
                assertThat(pg.inFailedTransaction()).isTrue();
            }
            assertThat(count(pg)).isEqualTo(10);
        }
    }

    @Test
    void asyncTwinPipelinesWithOtherCalls() {
        try (Pg pg = db.pool.get()) {
            Future<Long> batch = pg.runManyAsync(INSERT, rows(5000));
            Future<QueryResult> after = pg.runAsync(COUNT);
            assertThat(batch.await()).isEqualTo(5000);
            assertThat(after.await().scalar(Long.class)).isEqualTo(5000);
        }
    }

    @Test
    void deadlineBoundsTheWholeBatchAndNothingStays() {
        PreparedQuery slow = PreparedQuery.of("INSERT INTO items(id, name) SELECT $1, $2 FROM pg_sleep(0.01)");
        try (Pg pg = db.pool.get()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> pg.withDeadline(Duration.ofMillis(300)).runMany(slow, rows(500)))
                    .isInstanceOf(PgTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(count(pg)).isZero();
            assertThat(pg.exec("SELECT 1").scalar(Integer.class)).isEqualTo(1);
        }
    }

    @Test
    void deadlinePassingWhileRowsAreStillStreamingStopsReadingThemAndNothingStays() {
        PreparedQuery slow = PreparedQuery.of("INSERT INTO items(id, name) SELECT $1, $2 FROM pg_sleep(0.001)");
        String pad = "x".repeat(1000);
        int n = 50_000; // about 50 MB of Bind messages: far more than the socket buffers hold
        AtomicInteger read = new AtomicInteger();
        Iterator<Object[]> rows = IntStream.range(0, n).mapToObj(i -> {
            read.incrementAndGet();
            return new Object[] {i, pad};
        }).iterator();
        try (Pg pg = db.pool.get()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> pg.withDeadline(Duration.ofMillis(500)).runMany(slow, rows))
                    .isInstanceOf(PgTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(pg.exec("SELECT 1").scalar(Integer.class)).isEqualTo(1);
            assertThat(count(pg)).isZero();
            assertThat(read.get()).as("rows read from the iterator").isLessThan(n);
        }
    }

    @Test
    void sharedHandleRunsTheBatchOnASessionOfItsOwn() {
        try (Pg pg = db.pool.shared()) {
            assertThat(pg.runMany(INSERT, rows(2000))).isEqualTo(2000);
            assertThat(pg.runManyAsync(INSERT, List.of(new Item(-1, "async"))).await()).isEqualTo(1);
            assertThat(count(pg)).isEqualTo(2001);
        }
    }

    @Test
    void runsOnUnnamedStatementsWhenTheCacheIsOff() {
        // PgBouncer's transaction mode: nothing is prepared by name, the batch binds the unnamed statement.
        try (PgPool uncached = PgPool.builder(PgTestDb.dsnWithSearchPath(db.schema)).threads(1).maxSize(1)
                .statementCacheSize(0).build(); Pg pg = uncached.get()) {
            assertThat(pg.runMany(INSERT, rows(20_000))).isEqualTo(20_000);
            assertThat(pg.runMany(INSERT, List.of(List.of(-1, "again")))).isEqualTo(1);
            assertThat(count(pg)).isEqualTo(20_001);
        }
    }

    @Test
    void blockingCallOnAnEventLoopIsRefused() {
        try (Pg pg = db.pool.get()) {
            Throwable refused = pg.shard().submitAsync(() -> {
                try {
                    pg.runMany(INSERT, rows(1));
                    return Future.ready((Throwable) null);
                } catch (IllegalStateException e) {
                    return Future.ready((Throwable) e);
                }
            }).await();
            assertThat(refused).isInstanceOf(IllegalStateException.class);
            assertThat(count(pg)).isZero();
        }
    }

    @Test
    void statementErrorIsNotARowError() {
        try (Pg pg = db.pool.get()) {
            assertThatThrownBy(() -> pg.runMany(PreparedQuery.of("INSERT INTO no_such_table VALUES ($1)"),
                    List.of(List.of(1))))
                    .isInstanceOf(UndefinedTableException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("batch row"));
        }
    }
}
