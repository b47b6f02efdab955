package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.core.Future;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeadlineTest {
    static PgTestDb db;

    @BeforeAll
    static void setUp() {
        db = new PgTestDb(DeadlineTest.class);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void sleepPastDeadlineFailsWithinASecondAndTheConnectionStaysUsable() {
        try (Pg pg = db.pool.get()) {
            int pid = pg.processId();
            long start = System.nanoTime();
            assertThatThrownBy(() -> pg.withDeadline(Duration.ofMillis(100)).exec("SELECT pg_sleep(10)"))
                    .isInstanceOf(PgTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(pg.exec("SELECT 7").scalar(Integer.class)).isEqualTo(7);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(pg.exec("SELECT pg_backend_pid()").scalar(Integer.class)).isEqualTo(pid);
        }
    }

    @Test
    void cancelNeverHitsTheStatementQueuedBehind() {
        try (Pg pg = db.pool.get()) {
            Future<QueryResult> slow = pg.withDeadline(Duration.ofMillis(100)).execAsync("SELECT pg_sleep(5)");
            Future<QueryResult> next = pg.execAsync("SELECT pg_sleep(0.3), 5");
            assertThatThrownBy(slow::await).isInstanceOf(PgTimeoutException.class);
            assertThat(next.await().one().getInt(1)).isEqualTo(5);
        }
    }

    @Test
    void deadlineOfAQueuedStatementFailsItWithoutTouchingTheServer() {
        try (Pg pg = db.pool.get()) {
            Future<QueryResult> blocker = pg.execAsync("SELECT pg_sleep(0.5)");
            Future<QueryResult> queued = pg.withDeadline(Duration.ofMillis(50)).execAsync("SELECT 1");
            // The second statement is pipelined behind the first, so it is in flight; either way it times out.
            assertThatThrownBy(queued::await).isInstanceOf(PgTimeoutException.class);
            assertThat(pg.exec("SELECT 2").scalar(Integer.class)).isEqualTo(2);
            blocker.await().close();
        }
    }

    @Test
    void poolDefaultDeadlineApplies() {
        try (PgPool pool = PgPool.builder(PgTestDb.dsnWithSearchPath("public")).threads(1)
                .defaultDeadline(Duration.ofMillis(200)).build(); Pg pg = pool.get()) {
            assertThatThrownBy(() -> pg.exec("SELECT pg_sleep(3)")).isInstanceOf(PgTimeoutException.class);
            assertThat(pg.exec("SELECT 1").scalar(Integer.class)).isEqualTo(1);
        }
    }
}
