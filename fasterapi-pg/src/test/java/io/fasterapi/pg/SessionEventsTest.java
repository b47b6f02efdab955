package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.core.Future;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SessionEventsTest {
    static PgTestDb db;

    @BeforeAll
    static void setUp() {
        db = new PgTestDb(SessionEventsTest.class);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void deliversNotificationsToListeners() throws InterruptedException {
        List<PgNotification> got = new CopyOnWriteArrayList<>();
        CountDownLatch latch = new CountDownLatch(2);
        try (Pg listener = db.pool.get(); Pg sender = db.pool.get()) {
            listener.listen("jobs", n -> {
                got.add(n);
                latch.countDown();
            });
            sender.exec("SELECT pg_notify('jobs', 'a')");
            sender.exec("NOTIFY jobs, 'b'");
            // The listener's connection is idle: a notification arrives unsolicited.
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(got).extracting(PgNotification::payload).containsExactly("a", "b");
            assertThat(got.get(0).processId()).isEqualTo(sender.processId());
            listener.unlisten("jobs");
        }
    }

    @Test
    void passesNoticesToListeners() {
        List<PgNotice> notices = new CopyOnWriteArrayList<>();
        try (Pg pg = db.pool.get()) {
            pg.onNotice(notices::add);
            pg.exec("DO $$ BEGIN RAISE NOTICE 'hello %', 42; END $$");
            assertThat(notices).extracting(PgNotice::message).contains("hello 42");
            assertThat(notices.get(0).severity()).isEqualTo("NOTICE");
        }
    }

    @Test
    void terminatedBackendFailsPendingCallsWithConnectionException() {
        Pg victim = db.pool.get();
        try (Pg killer = db.pool.get()) {
            Future<QueryResult> pending = victim.execAsync("SELECT pg_sleep(10)");
            Future<QueryResult> behind = victim.execAsync("SELECT 1");
            Thread.sleep(100);
            killer.exec("SELECT pg_terminate_backend($1)", victim.processId());
            assertThatThrownBy(pending::await).isInstanceOf(PgConnectionException.class)
                    .satisfies(e -> assertThat(((PgException) e).code()).isEqualTo("57P01"));
            assertThatThrownBy(behind::await).isInstanceOf(PgConnectionException.class);
            assertThat(victim.isOpen()).isFalse();
            assertThatThrownBy(() -> victim.exec("SELECT 1")).isInstanceOf(PgConnectionException.class);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            victim.close();
        }
        // The pool replaces the broken connection.
        try (Pg pg = db.pool.get()) {
            assertThat(pg.exec("SELECT 1").scalar(Integer.class)).isEqualTo(1);
        }
    }

    @Test
    void idleTerminationMarksConnectionBroken() throws InterruptedException {
        Pg victim = db.pool.get();
        try (Pg killer = db.pool.get()) {
            killer.exec("SELECT pg_terminate_backend($1)", victim.processId());
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (victim.isOpen() && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertThat(victim.isOpen()).isFalse();
        } finally {
            victim.close();
        }
    }

    @Test
    void rollsBackWhenReleasedInsideTransaction() {
        int pid;
        try (Pg pg = db.pool.get(0, java.time.Duration.ofSeconds(5))) {
            pid = pg.processId();
            pg.exec("BEGIN");
        }
        try (Pg pg = db.pool.get(0, java.time.Duration.ofSeconds(5))) {
            if (pg.processId() == pid) {
                assertThat(pg.inTransaction()).isFalse();
            }
        }
    }

    private static PgException brokenCause(Pg pg) {
        return ((io.fasterapi.pg.internal.pool.PgSession) pg).connection().brokenCause();
    }

    private static void awaitClosed(Pg pg) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pg.isOpen() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(pg.isOpen()).as("connection closed by the server's FATAL").isFalse();
    }

    @Test
    void serverThatChangesClientEncodingBreaksTheConnection() {
        try (Pg pg = db.pool.get()) {
            assertThatThrownBy(() -> pg.exec("SET client_encoding TO 'LATIN1'"))
                    .isInstanceOf(PgConnectionException.class)
                    .hasMessageContaining("client_encoding")
                    .hasMessageContaining("LATIN1");
            assertThat(pg.isOpen()).isFalse();
            assertThatThrownBy(() -> pg.exec("SELECT 'é'")).isInstanceOf(PgConnectionException.class)
                    .hasMessageContaining("client_encoding");
        }
        try (Pg pg = db.pool.get()) {
            assertThat(pg.exec("SELECT 'é'").scalar(String.class)).isEqualTo("é");
        }
    }

    @Test
    void idleSessionTimeoutFatalWithNothingPendingBreaksTheConnection() throws InterruptedException {
        try (Pg pg = db.pool.get()) {
            pg.exec("SET idle_session_timeout = '200ms'");
            awaitClosed(pg);
            assertThat(brokenCause(pg)).isInstanceOf(PgConnectionException.class)
                    .satisfies(e -> assertThat(e.code()).isEqualTo("57P05"));
            assertThatThrownBy(() -> pg.exec("SELECT 1")).isInstanceOf(PgConnectionException.class)
                    .hasMessageContaining("idle");
        }
    }

    @Test
    void idleInTransactionTimeoutFatalWithNothingPendingBreaksTheConnection() throws InterruptedException {
        try (Pg pg = db.pool.get()) {
            pg.exec("SET idle_in_transaction_session_timeout = '200ms'");
            pg.exec("BEGIN");
            assertThat(pg.inTransaction()).isTrue();
            awaitClosed(pg);
            assertThat(brokenCause(pg)).isInstanceOf(PgConnectionException.class)
                    .satisfies(e -> assertThat(e.code()).isEqualTo("25P03"));
            assertThatThrownBy(() -> pg.exec("SELECT 1")).isInstanceOf(PgConnectionException.class)
                    .hasMessageContaining("idle-in-transaction");
        }
    }
}
