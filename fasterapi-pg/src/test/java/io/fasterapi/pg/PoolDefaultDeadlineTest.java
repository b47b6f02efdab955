package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.core.Deadline;
import io.fasterapi.core.Future;
import io.fasterapi.testing.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pool's default deadlines (builder, DSN keys {@code command_timeout} and {@code acquire_timeout},
 * the 30 s default), a caller's own {@link Deadline} shared by an acquire and its queries, and the
 * cached health probe behind readiness checks. Against the shared test server.
 */
class PoolDefaultDeadlineTest {
    private static String dsn(String extra) {
        String base = TestPostgres.dsn();
        return base + (base.contains("?") ? "&" : "?") + extra;
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void everyStatementHasA30SecondDeadlineUnlessTold() {
        try (PgPool pool = PgPool.builder(TestPostgres.dsn()).threads(1).build()) {
            assertThat(pool.defaultDeadline()).isEqualTo(Duration.ofSeconds(30));
            assertThat(pool.acquireTimeout()).isEqualTo(Duration.ofSeconds(30));
        }
        try (PgPool pool = PgPool.builder(TestPostgres.dsn()).threads(1).defaultDeadline(null).build()) {
            assertThat(pool.defaultDeadline()).isNull();
        }
        try (PgPool pool = PgPool.builder(dsn("command_timeout=0")).threads(1).build()) {
            assertThat(pool.defaultDeadline()).isNull();
        }
    }

    @Test
    void commandTimeoutInTheDsnBoundsEveryStatementAndTheConnectionStaysUsable() {
        try (PgPool pool = PgPool.builder(dsn("command_timeout=0.3")).threads(1).maxSize(1).build()) {
            assertThat(pool.defaultDeadline()).isEqualTo(Duration.ofMillis(300));
            try (Pg pg = pool.get()) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> pg.exec("SELECT pg_sleep(5)")).isInstanceOf(PgTimeoutException.class);
                assertThat(since(start)).isBetween(Duration.ofMillis(250), Duration.ofMillis(1500));
                assertThat(pg.exec("SELECT 3").scalar(Integer.class)).isEqualTo(3);
            }
            long start = System.nanoTime();
            assertThatThrownBy(() -> pool.execAsync("SELECT pg_sleep(5)").await()).isInstanceOf(PgTimeoutException.class);
            assertThat(since(start)).isLessThan(Duration.ofMillis(1500));
        }
    }

    @Test
    void theBuildersSettingsWinOverTheDsns() {
        try (PgPool pool = PgPool.builder(dsn("command_timeout=0.3&acquire_timeout=0.2")).threads(1)
                .defaultDeadline(Duration.ofSeconds(7)).acquireTimeout(Duration.ofSeconds(9)).build()) {
            assertThat(pool.defaultDeadline()).isEqualTo(Duration.ofSeconds(7));
            assertThat(pool.acquireTimeout()).isEqualTo(Duration.ofSeconds(9));
        }
    }

    @Test
    void acquireTimeoutInTheDsnBoundsTheWaitForAConnection() {
        try (PgPool pool = PgPool.builder(dsn("acquire_timeout=0.3")).threads(1).maxSize(1).build();
             Pg held = pool.get()) {
            long start = System.nanoTime();
            assertThatThrownBy(pool::get).isInstanceOf(PgConnectionException.class).hasMessageContaining("PT0.3S");
            assertThat(since(start)).isBetween(Duration.ofMillis(250), Duration.ofMillis(1500));
            assertThat(held.exec("SELECT 1").scalar(Integer.class)).isEqualTo(1);
        }
    }

    @Test
    void badPoolTimeoutsInTheDsnAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> PgPool.builder(dsn("command_timeout=soon")).build())
                .isInstanceOf(PgException.class).hasMessageContaining("command_timeout 'soon' is not a number of seconds");
        assertThatThrownBy(() -> PgPool.builder(dsn("acquire_timeout=-1")).build())
                .isInstanceOf(PgException.class).hasMessageContaining("acquire_timeout '-1' must be between 0");
    }

    @Test
    void aCallersDeadlineIsSharedByTheAcquireAndEveryQueryItMakes() {
        try (PgPool pool = PgPool.builder(TestPostgres.dsn()).threads(1).maxSize(1)
                .defaultDeadline(Duration.ofSeconds(10)).build()) {
            try (Pg warm = pool.get()) {
                warm.exec("SELECT pg_sleep(0)").close(); // connected, pg_sleep's types known
            }
            long start = System.nanoTime();
            Deadline deadline = Deadline.after(Duration.ofMillis(1500));
            try (Pg pg = pool.get(deadline)) {
                pg.exec("SELECT pg_sleep(0.5)").close();
                // about 1 s left, not the pool's 10 s nor a fresh 1.5 s
                assertThatThrownBy(() -> pg.exec("SELECT pg_sleep(5)")).isInstanceOf(PgTimeoutException.class);
                assertThat(since(start)).isBetween(Duration.ofMillis(1450), Duration.ofMillis(2900));
                // a view with a shorter per-call deadline keeps the cap; the cap has passed
                assertThatThrownBy(() -> pg.withDeadline(Duration.ofSeconds(5)).exec("SELECT 1"))
                        .isInstanceOf(PgTimeoutException.class);
            }
            // the connection went back usable, and a passed deadline does not wait to acquire
            try (Pg pg = pool.get()) {
                assertThat(pg.exec("SELECT 4").scalar(Integer.class)).isEqualTo(4);
            }
            assertThatThrownBy(() -> pool.get(Deadline.after(Duration.ZERO))).isInstanceOf(PgTimeoutException.class);
            try (Pg held = pool.get()) {
                long waitStart = System.nanoTime();
                assertThatThrownBy(() -> pool.get(Deadline.after(Duration.ofMillis(200))))
                        .isInstanceOf(PgConnectionException.class);
                assertThat(since(waitStart)).isLessThan(Duration.ofMillis(1500));
                held.exec("SELECT 1").close();
            }
        }
    }

    @Test
    void aViewsOwnDeadlineStillAppliesWhenSoonerThanTheCallersDeadline() {
        try (PgPool pool = PgPool.builder(TestPostgres.dsn()).threads(1).maxSize(1).build();
             Pg pg = pool.get(Deadline.after(Duration.ofSeconds(20)))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> pg.withDeadline(Duration.ofMillis(200)).exec("SELECT pg_sleep(5)"))
                    .isInstanceOf(PgTimeoutException.class);
            assertThat(since(start)).isLessThan(Duration.ofMillis(1500));
            Pg capped = pg.withDeadline(Deadline.after(Duration.ofMillis(200)));
            start = System.nanoTime();
            assertThatThrownBy(() -> capped.exec("SELECT pg_sleep(5)")).isInstanceOf(PgTimeoutException.class);
            assertThat(since(start)).isLessThan(Duration.ofMillis(1500));
        }
    }

    @Test
    void aStreamsDeadlineBoundsEachWaitForAChunkNotTheReadersPauses() throws Exception {
        try (PgPool pool = PgPool.builder(dsn("command_timeout=0.4")).threads(1).maxSize(1).build();
             Pg pg = pool.get()) {
            long sum = 0;
            try (RowStream rows = pg.stream("SELECT g FROM generate_series(1, 6) g", 2)) {
                for (Row r : rows) {
                    sum += r.getInt(0);
                    Thread.sleep(300); // 1.8 s in all, each pause under the deadline, the sum far over it
                }
            }
            assertThat(sum).isEqualTo(21);
            long start = System.nanoTime();
            int seen = 0;
            try (RowStream rows = pg.stream(
                    "SELECT g, pg_sleep(CASE WHEN g = 5 THEN 5 ELSE 0 END) FROM generate_series(1, 8) g", 2)) {
                for (Row r : rows) {
                    seen++;
                }
                throw new AssertionError("the third chunk should have timed out");
            } catch (PgTimeoutException expected) {
                assertThat(expected.getMessage()).contains("while streaming");
            }
            assertThat(seen).isEqualTo(4);
            assertThat(since(start)).isLessThan(Duration.ofSeconds(3));
            // The statement was cancelled: the connection answers again at once, not after the 5 s sleep.
            assertThat(pg.withDeadline(Duration.ofSeconds(2)).exec("SELECT 9").scalar(Integer.class)).isEqualTo(9);
        }
    }

    @Test
    void healthChecksFromManyCallersCostOneProbePerInterval() throws Exception {
        try (PgPool pool = PgPool.builder(TestPostgres.dsn()).threads(2)
                .healthProbe(Duration.ofSeconds(1), Duration.ofSeconds(1)).build()) {
            assertThat(pool.health().up()).isFalse();
            assertThat(pool.health().probes()).isZero();
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                answers.add(pool.checkHealth());
            }
            for (Future<Boolean> a : answers) {
                assertThat(a.await(Duration.ofSeconds(5))).isTrue();
            }
            PoolHealth first = pool.health();
            assertThat(first.up()).isTrue();
            assertThat(first.probes()).isEqualTo(1);
            assertThat(first.lastSuccess()).isNotNull();
            for (int i = 0; i < 200; i++) {
                assertThat(pool.checkHealth().await(Duration.ofSeconds(5))).isTrue();
            }
            assertThat(pool.health().probes()).isEqualTo(1); // cached within the interval
            Thread.sleep(1100);
            assertThat(pool.checkHealth().await(Duration.ofSeconds(5))).isTrue();
            assertThat(pool.health().probes()).isEqualTo(2);
            assertThat(pool.health().lastSuccess()).isAfter(first.lastSuccess());
        }
    }
}
