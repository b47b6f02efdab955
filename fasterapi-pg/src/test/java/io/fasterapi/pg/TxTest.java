package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TxTest {
    static PgTestDb db;

    @BeforeAll
    static void setUp() {
        db = new PgTestDb(TxTest.class);
        try (Pg pg = db.pool.get()) {
            pg.script("CREATE TABLE acct (id int PRIMARY KEY, v int NOT NULL);"
                    + " CREATE TABLE deferred_u (k int, CONSTRAINT du UNIQUE (k) DEFERRABLE INITIALLY DEFERRED);"
                    + " CREATE TABLE slow_commit (k int);"
                    + " CREATE FUNCTION sleepy() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$ BEGIN PERFORM pg_sleep(3); RETURN NULL; END $$;"
                    + " CREATE CONSTRAINT TRIGGER slow AFTER INSERT ON slow_commit DEFERRABLE INITIALLY DEFERRED"
                    + " FOR EACH ROW EXECUTE FUNCTION sleepy()");
        }
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @BeforeEach
    void empty() {
        try (Pg pg = db.pool.get()) {
            pg.script("TRUNCATE acct, deferred_u, slow_commit");
        }
    }

    private static long count(String table) {
        try (Pg pg = db.pool.get()) {
            return pg.exec("SELECT count(*) FROM " + table).scalar(Long.class);
        }
    }

    @Test
    void closeWithoutCommitRollsBackAndCommitPersists() {
        try (Pg pg = db.pool.get()) {
            try (Tx tx = pg.begin()) {
                tx.exec("INSERT INTO acct VALUES (1, 1)");
                assertThat(pg.inTransaction()).isTrue();
            }
            assertThat(pg.inTransaction()).isFalse();
            assertThat(count("acct")).isZero();
            try (Tx tx = pg.begin()) {
                tx.exec("INSERT INTO acct VALUES (2, 2)");
                tx.commit();
                assertThat(tx.isActive()).isFalse();
                assertThatThrownBy(() -> tx.exec("SELECT 1")).isInstanceOf(IllegalStateException.class);
            }
            assertThat(count("acct")).isEqualTo(1);
        }
    }

    @Test
    void bodyExceptionRollsBackAndPropagates() {
        class OutOfStock extends RuntimeException {
        }
        try (Pg pg = db.pool.get()) {
            assertThatThrownBy(() -> pg.tx(TxIsolation.SERIALIZABLE, 3, tx -> {
                tx.exec("INSERT INTO acct VALUES (1, 1)");
                throw new OutOfStock();
            })).isInstanceOf(OutOfStock.class);
            assertThat(pg.inTransaction()).isFalse();
        }
        assertThat(count("acct")).isZero();
    }

    @Test
    void beginOptionsAreApplied() {
        try (Pg pg = db.pool.get()) {
            String iso = pg.tx(TxOptions.of(TxIsolation.REPEATABLE_READ).withReadOnly(),
                    tx -> tx.exec("SHOW transaction_isolation").scalar(String.class));
            assertThat(iso).isEqualTo("repeatable read");
            assertThatThrownBy(() -> pg.tx(TxOptions.DEFAULT.withReadOnly(), tx -> tx.exec("INSERT INTO acct VALUES (1, 1)")))
                    .isInstanceOf(PgException.class).satisfies(e -> assertThat(((PgException) e).code()).isEqualTo("25006"));
            String deferrable = pg.tx(TxOptions.of(TxIsolation.SERIALIZABLE).withReadOnly().withDeferrable(),
                    tx -> tx.exec("SHOW transaction_deferrable").scalar(String.class));
            assertThat(deferrable).isEqualTo("on");
            assertThat(TxOptions.of(TxIsolation.SERIALIZABLE).withReadOnly().withDeferrable().beginSql())
                    .isEqualTo("BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY DEFERRABLE");
        }
    }

    /** Both transactions read the table, then both insert: a write-skew cycle SERIALIZABLE must break. */
    private static int conflictingTransfer(Pg pg, int id, int retries, CountDownLatch bothRead, AtomicInteger attempts) {
        return pg.tx(TxIsolation.SERIALIZABLE, retries, tx -> {
            int attempt = attempts.incrementAndGet();
            long sum = tx.exec("SELECT coalesce(sum(v), 0) FROM acct").scalar(Long.class);
            if (bothRead.getCount() > 0) {
                bothRead.countDown();
                try {
                    assertThat(bothRead.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            tx.exec("INSERT INTO acct VALUES ($1, $2)", id, (int) sum + 1);
            return attempt;
        });
    }

    @Test
    void retriesSerializationFailureUntilSuccess() throws Exception {
        CountDownLatch bothRead = new CountDownLatch(2);
        AtomicInteger attempts = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int id = 1; id <= 2; id++) {
            int myId = id;
            threads.add(Thread.ofVirtual().start(() -> {
                try (Pg pg = db.pool.get()) {
                    conflictingTransfer(pg, myId, 3, bothRead, attempts);
                } catch (Throwable t) {
                    errors.add(t);
                }
            }));
        }
        for (Thread t : threads) {
            t.join(20_000);
        }
        assertThat(errors).isEmpty();
        assertThat(attempts.get()).as("one of the two had to be re-run").isGreaterThanOrEqualTo(3);
        try (Pg pg = db.pool.get()) {
            // Serial order: one saw an empty table (v=1), the other saw it (v=2).
            assertThat(pg.exec("SELECT v FROM acct ORDER BY v").as(Integer.class)).containsExactly(1, 2);
        }
    }

    @Test
    void serializationFailureBeyondRetriesPropagates() throws Exception {
        CountDownLatch bothRead = new CountDownLatch(2);
        AtomicInteger attempts = new AtomicInteger();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int id = 1; id <= 2; id++) {
            int myId = id;
            threads.add(Thread.ofVirtual().start(() -> {
                try (Pg pg = db.pool.get()) {
                    conflictingTransfer(pg, myId, 0, bothRead, attempts);
                } catch (Throwable t) {
                    errors.add(t);
                }
            }));
        }
        for (Thread t : threads) {
            t.join(20_000);
        }
        assertThat(attempts.get()).isEqualTo(2);
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).isInstanceOf(SerializationFailureException.class);
        assertThat(count("acct")).isEqualTo(1);
    }

    @Test
    void commitOfFailedTransactionIsAFailureNotASuccess() {
        try (Pg pg = db.pool.get(); Tx tx = pg.begin()) {
            tx.exec("INSERT INTO acct VALUES (1, 1)");
            assertThatThrownBy(() -> tx.exec("SELECT 1/0")).isInstanceOf(PgException.class);
            assertThatThrownBy(tx::commit).isInstanceOf(PgException.class).hasMessageContaining("did not commit");
        }
        assertThat(count("acct")).isZero();
    }

    @Test
    void deferredConstraintViolationAtCommitIsReported() {
        try (Pg pg = db.pool.get()) {
            assertThatThrownBy(() -> pg.tx(TxOptions.DEFAULT, tx -> {
                tx.exec("INSERT INTO deferred_u VALUES (1), (1)");
                return null;
            })).isInstanceOf(UniqueViolationException.class);
            assertThat(pg.inTransaction()).isFalse();
        }
        assertThat(count("deferred_u")).isZero();
    }

    @Test
    void savepointsRollBackOnlyTheirPart() {
        try (Pg pg = db.pool.get()) {
            pg.tx(TxOptions.DEFAULT, tx -> {
                tx.exec("INSERT INTO acct VALUES (1, 1)");
                assertThatThrownBy(() -> tx.tx(sp -> {
                    sp.exec("INSERT INTO acct VALUES (2, 2)");
                    return sp.exec("INSERT INTO acct VALUES (1, 1)"); // duplicate key
                })).isInstanceOf(UniqueViolationException.class);
                try (Tx sp = tx.savepoint()) {
                    sp.exec("INSERT INTO acct VALUES (3, 3)");
                    try (Tx inner = sp.savepoint()) {
                        inner.exec("INSERT INTO acct VALUES (4, 4)");
                    } // rolled back
                    sp.commit();
                }
                return tx.tx(sp -> sp.exec("INSERT INTO acct VALUES (5, 5)"));
            });
            assertThat(pg.exec("SELECT id FROM acct ORDER BY id").as(Integer.class)).containsExactly(1, 3, 5);
        }
    }

    @Test
    void connectionLostBeforeCommitAnswerIsOutcomeUnknown() throws Exception {
        Pg victim = db.pool.get();
        try (Pg killer = db.pool.get()) {
            Tx tx = victim.begin();
            tx.exec("INSERT INTO slow_commit VALUES (1)"); // its deferred trigger sleeps 3 s inside COMMIT
            Future<Void> commit = tx.commitAsync();
            Thread.sleep(300);
            killer.exec("SELECT pg_terminate_backend($1)", victim.processId());
            assertThatThrownBy(() -> commit.await(Duration.ofSeconds(10)))
                    .isInstanceOf(TxOutcomeUnknownException.class).isNotInstanceOf(PgConnectionException.class)
                    .hasCauseInstanceOf(PgConnectionException.class);
        } finally {
            victim.close();
        }
    }

    @Test
    void asyncTransactionCommitsAndRollsBack() {
        int v = db.pool.<Integer>txAsync(TxIsolation.SERIALIZABLE, 2,
                tx -> tx.execAsync("INSERT INTO acct VALUES (1, 7) RETURNING v").map(r -> r.scalar(Integer.class)))
                .await(Duration.ofSeconds(10));
        assertThat(v).isEqualTo(7);
        Future<Object> failing = db.pool.txAsync(TxOptions.DEFAULT,
                tx -> tx.execAsync("INSERT INTO acct VALUES (2, 2)").flatMap(r -> Future.failed(new IllegalStateException("no"))));
        assertThatThrownBy(() -> failing.await(Duration.ofSeconds(10))).isInstanceOf(IllegalStateException.class);
        assertThat(count("acct")).isEqualTo(1);
    }

    @Test
    void asyncTransactionRetriesSerializationFailure() {
        AtomicInteger runs = new AtomicInteger();
        int result = db.pool.<Integer>txAsync(TxIsolation.SERIALIZABLE, 2, tx -> {
            if (runs.incrementAndGet() == 1) {
                // A real 40001 raised by the server, as a conflict would.
                return tx.execAsync("DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '40001'; END $$").map(r -> 0);
            }
            return tx.execAsync("SELECT 42").map(r -> r.scalar(Integer.class));
        }).await(Duration.ofSeconds(10));
        assertThat(result).isEqualTo(42);
        assertThat(runs.get()).isEqualTo(2);
    }

    @Test
    void beginInsideTransactionIsRefused() {
        try (Pg pg = db.pool.get(); Tx tx = pg.begin()) {
            assertThatThrownBy(pg::begin).isInstanceOf(PgException.class).hasMessageContaining("savepoint");
            assertThat(tx.isActive()).isTrue();
        }
    }
}
