package io.fasterapi.pg.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.core.Deadline;
import io.fasterapi.core.Future;
import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import io.fasterapi.pg.PgTimeoutException;
import io.fasterapi.pg.PreparedQuery;
import io.fasterapi.pg.QueryResult;
import io.fasterapi.testing.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code PgPool.shared()}: single statements share the shard's pipelined connections, and the first call
 * that needs a session takes a connection of the handle's own, which every later call then uses.
 * Against the shared test server, with one shard of at most one connection so that sharing shows.
 */
class DeferredSessionTest {
    static final PreparedQuery PLUS_ONE = PreparedQuery.of("SELECT $1::int + 1");
    static PgPool pool;

    @BeforeAll
    static void start() {
        pool = PgPool.builder(TestPostgres.dsn()).threads(1).maxSize(1)
                .acquireTimeout(Duration.ofMillis(500)).build();
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    private static DeferredSession shared() {
        return (DeferredSession) pool.shared();
    }

    @Test
    void singleStatementsTakeNoConnectionSoHandlesOpenAtOnceOutnumberThePool() throws Exception {
        List<Pg> open = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {                        // 20 handles open, one connection in the pool
                DeferredSession pg = shared();
                open.add(pg);
                assertThat(pg.run(PLUS_ONE, i).scalar(Integer.class)).isEqualTo(i + 1);
                assertThat(pg.exec("SELECT $1::text || 'x'", "a").scalar(String.class)).isEqualTo("ax");
                assertThat(pg.holdsSession()).isFalse();
                assertThat(pg.inTransaction()).isFalse();
            }
        } finally {
            open.forEach(Pg::close);
        }
        try (Pg own = pool.get()) {                               // none of them kept the one connection
            assertThat(own.exec("SELECT 1").scalar(Integer.class)).isEqualTo(1);
        }
    }

    @Test
    void manyVirtualThreadsRunTheirStatementsConcurrentlyOverOneConnection() throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 50; t++) {
            int n = t;
            threads.add(Thread.ofVirtual().start(() -> {
                try (Pg pg = pool.shared()) {
                    for (int q = 0; q < 20; q++) {
                        assertThat(pg.run(PLUS_ONE, n * 100 + q).scalar(Integer.class)).isEqualTo(n * 100 + q + 1);
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join(30_000);
        }
        assertThat(errors).isEmpty();
        assertThat(pool.stats().total()).isLessThanOrEqualTo(1);
    }

    @Test
    void aSettingTakesASessionAndLaterStatementsSeeIt() {
        try (DeferredSession pg = shared()) {
            pg.exec("SET application_name = 'deferred_session_test'");
            assertThat(pg.holdsSession()).isTrue();
            assertThat(pg.exec("SELECT current_setting('application_name')").scalar(String.class))
                    .isEqualTo("deferred_session_test");
        }
        try (Pg pg = pool.get()) {                                // the pool reset the session it got back
            assertThat(pg.exec("SELECT current_setting('application_name')").scalar(String.class))
                    .isNotEqualTo("deferred_session_test");
        }
    }

    @Test
    void aTemporaryTableLivesInTheHandlesSession() {
        try (DeferredSession pg = shared()) {
            pg.exec("CREATE TEMP TABLE deferred_t (a int)");
            pg.exec("INSERT INTO deferred_t VALUES (1), (2)");
            assertThat(pg.exec("SELECT count(*) FROM deferred_t").scalar(Long.class)).isEqualTo(2L);
        }
    }

    @Test
    void transactionsRunInTheHandlesSession() {
        try (DeferredSession pg = shared()) {
            assertThat(pg.exec("SELECT 1").scalar(Integer.class)).isEqualTo(1);
            assertThat(pg.holdsSession()).isFalse();
            int inside = pg.tx(io.fasterapi.pg.TxOptions.DEFAULT, tx -> {
                assertThat(pg.inTransaction()).isTrue();
                return tx.exec("SELECT 41 + 1").scalar(Integer.class);
            });
            assertThat(inside).isEqualTo(42);
            assertThat(pg.holdsSession()).isTrue();
            assertThat(pg.inTransaction()).isFalse();
            pg.exec("BEGIN");
            assertThat(pg.inTransaction()).isTrue();
            pg.exec("ROLLBACK");
        }
    }

    @Test
    void sequenceValuesReadBackNeedTheSessionThatMadeThem() {
        try (DeferredSession pg = shared()) {
            pg.exec("CREATE TEMP SEQUENCE deferred_s");
            assertThat(pg.exec("SELECT nextval('deferred_s')").scalar(Long.class)).isEqualTo(1L);
            assertThat(pg.exec("SELECT currval('deferred_s')").scalar(Long.class)).isEqualTo(1L);
        }
    }

    @Test
    void theHandlesDeadlineBoundsSharedStatementsAndTheConnectionServesOthersAfter() {
        try (Pg pg = pool.shared(Deadline.after(Duration.ofMillis(300)))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> pg.exec("SELECT pg_sleep(5)")).isInstanceOf(PgTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
        try (Pg pg = pool.shared()) {
            assertThat(pg.withDeadline(Duration.ofSeconds(10)).exec("SELECT 2").scalar(Integer.class)).isEqualTo(2);
        }
    }

    @Test
    void aViewSharesTheRootsSessionOnceItHasOne() {
        try (DeferredSession pg = shared()) {
            Pg view = pg.withDeadline(Duration.ofSeconds(5));
            view.exec("SET application_name = 'deferred_view'");
            assertThat(pg.holdsSession()).isTrue();
            assertThat(pg.exec("SELECT current_setting('application_name')").scalar(String.class))
                    .isEqualTo("deferred_view");
            view.close();                                         // a view's close does nothing
            assertThat(pg.isOpen()).isTrue();
        }
    }

    @Test
    void aPipelineOfSingleStatementsSharesToo() {
        try (DeferredSession pg = shared()) {
            List<QueryResult> results = pg.pipeline(p -> {
                for (int i = 0; i < 10; i++) {
                    p.run(PLUS_ONE, i);
                }
            });
            assertThat(results).extracting(r -> r.scalar(Integer.class)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
            assertThat(pg.holdsSession()).isFalse();
        }
    }

    @Test
    void asyncCallsOnTheEventLoopKeepTheirOrderWhileTheSessionIsTaken() {
        Future<List<Object>> done = pool.reactor().shard(0).submitAsync(() -> {
            Pg pg = pool.shared();
            Future<QueryResult> begin = pg.execAsync("BEGIN");             // takes the session, asynchronously
            Future<QueryResult> inside = pg.execAsync("SELECT 7");        // queued behind it, in the session
            Future<QueryResult> status = pg.execAsync("SELECT now() = statement_timestamp()");
            return Future.whenAll(begin, inside, status).map(all -> {
                boolean inTx = pg.inTransaction();
                pg.close();
                return List.<Object>of(all.get(1).scalar(Integer.class), inTx);
            });
        });
        assertThat(done.await(Duration.ofSeconds(10))).containsExactly(7, true);
    }

    @Test
    void aClosedHandleRefusesCalls() {
        Pg pg = pool.shared();
        pg.close();
        assertThatThrownBy(() -> pg.exec("SELECT 1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThat(pg.isOpen()).isFalse();
    }
}
