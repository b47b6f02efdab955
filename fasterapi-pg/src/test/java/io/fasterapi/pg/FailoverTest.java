package io.fasterapi.pg;

import static io.fasterapi.pg.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failover on a real primary and streaming standby ({@link ReplicatedCluster}, a fresh pair per test):
 * a pool with {@code target_session_attrs=read-write} follows the primary role to the promoted
 * standby without a restart, and retires connections whose server stopped being what it asked for.
 */
class FailoverTest {
    ReplicatedCluster cluster;

    @BeforeEach
    void startPair() throws Exception {
        cluster = ReplicatedCluster.ofInstalledOrSkip();
    }

    @AfterEach
    void stopPair() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aConnectionWhoseServerTurnedReadOnlyIsRetiredAtReleaseAndNoneIsOpenedUntilItIsWritableAgain() throws Exception {
        try (PgPool pool = PgPool.builder(cluster.dsn("target_session_attrs=read-write", cluster.primary)).threads(1)
                .maxSize(2).acquireTimeout(Duration.ofSeconds(5)).reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
                .build()) {
            try (Pg pg = pool.get()) {
                assertThat(pg.exec("SHOW default_transaction_read_only").scalar(String.class)).isEqualTo("off");
            }
            assertThat(pool.stats().idle()).isEqualTo(1);
            long closedBefore = pool.stats().closed();

            cluster.primary.sql("ALTER SYSTEM SET default_transaction_read_only = on");
            cluster.primary.sql("SELECT pg_reload_conf()");
            try (Pg pg = pool.get()) {
                // The session learns of the reload at its next statement; the server then reports the new value.
                eventually(Duration.ofSeconds(10),
                        () -> pg.exec("SHOW default_transaction_read_only").scalar(String.class).equals("on"));
            }
            // Given back read-only: closed, not idled.
            assertThat(pool.stats().closed()).isEqualTo(closedBefore + 1);
            assertThat(pool.stats().total()).isZero();
            assertThat(pool.stats().hosts().get(0).open()).isZero();
            // A new connection finds the server read-only and is refused, as libpq refuses it.
            assertThatThrownBy(pool::get).isInstanceOf(PgConnectionException.class)
                    .hasMessageContaining("target_session_attrs=read-write");
            assertThat(pool.stats().hosts().get(0).readOnly()).isTrue();
            assertThat(pool.stats().hosts().get(0).state()).isEqualTo(HostStats.State.UP);

            cluster.primary.sql("ALTER SYSTEM RESET default_transaction_read_only");
            cluster.primary.sql("SELECT pg_reload_conf()");
            eventually(Duration.ofSeconds(10), () -> {
                try (Pg pg = pool.get()) {
                    return pg.exec("SELECT 1").scalar(Integer.class) == 1;
                } catch (PgConnectionException stillReadOnly) {
                    return false;
                }
            });
        }
    }

    @Test
    void aSessionsOwnSetOfReadOnlyIsResetNotRetired() throws Exception {
        try (PgPool pool = PgPool.builder(cluster.dsn("target_session_attrs=read-write", cluster.primary)).threads(1)
                .maxSize(1).build()) {
            int pid;
            try (Pg pg = pool.get()) {
                pid = pg.exec("SELECT pg_backend_pid()").scalar(Integer.class);
                pg.exec("SET default_transaction_read_only = on");
            }
            try (Pg pg = pool.get()) {
                assertThat(pg.exec("SELECT pg_backend_pid()").scalar(Integer.class)).isEqualTo(pid);
                assertThat(pg.exec("SHOW default_transaction_read_only").scalar(String.class)).isEqualTo("off");
            }
            assertThat(pool.stats().closed()).isZero();
        }
    }

    @Test
    void aStandbyPoolsConnectionIsRetiredOnceItsServerIsPromotedAndNewOnesAreRefused() throws Exception {
        try (PgPool pool = PgPool.builder(cluster.dsn("target_session_attrs=standby", cluster.standby)).threads(1)
                .maxSize(1).acquireTimeout(Duration.ofSeconds(5)).build()) {
            try (Pg pg = pool.get()) {
                assertThat(pg.exec("SELECT pg_is_in_recovery()").scalar(Boolean.class)).isTrue();
            }
            assertThat(pool.stats().hosts().get(0).role()).isEqualTo(HostStats.Role.STANDBY);
            cluster.primary.stop();
            cluster.standby.promote();
            try (Pg pg = pool.get()) {
                // The same session, now on a primary: the server reports in_hot_standby=off with this answer.
                assertThat(pg.exec("SELECT pg_is_in_recovery()").scalar(Boolean.class)).isFalse();
            }
            assertThat(pool.stats().closed()).isEqualTo(1);
            assertThat(pool.stats().total()).isZero();
            assertThatThrownBy(pool::get).isInstanceOf(PgConnectionException.class)
                    .hasMessageContaining("target_session_attrs=standby");
            assertThat(pool.stats().hosts().get(0).role()).isEqualTo(HostStats.Role.PRIMARY);
        }
    }

    /** One call of the load: when it started and ended (nanoTime), the server port it wrote on, or its failure. */
    record Call(long start, long end, int port, Throwable failure) {
    }

    @Test
    void readWriteQueriesFailOnlyInsideTheFailoverWindowThenGoToThePromotedStandbyWithoutRestartingThePool() throws Exception {
        failoverUnderLoad(Duration.ZERO, "", Duration.ofSeconds(2));
    }

    /** A failover manager that takes seconds to decide (Patroni's loop wait is 10 s by default). */
    @Test
    void aPromotionSecondsAfterTheKillIsFoundWithinMomentsAlthoughTheBackoffHasGrown() throws Exception {
        failoverUnderLoad(Duration.ofSeconds(3), "", Duration.ofSeconds(2));
    }

    /**
     * {@code failover_wait}: callers that ask for a connection while there is no primary wait for the
     * promoted standby (each within its acquire timeout) instead of failing at the first failed attempt,
     * so only the calls in flight on the killed primary fail.
     */
    @Test
    void withFailoverWaitOnlyTheCallsInFlightOnTheKilledPrimaryFail() throws Exception {
        Outcome o = failoverUnderLoad(Duration.ofSeconds(1), " failover_wait=10", Duration.ofSeconds(10));
        // In flight at the kill: begun before it was over, or on a connection the loop had not yet seen
        // closed (its FIN is read moments after pg_ctl returns).
        long settled = o.killed() + TimeUnit.MILLISECONDS.toNanos(200);
        List<Call> failed = o.calls().stream().filter(c -> c.failure() != null).toList();
        assertThat(failed).allSatisfy(c -> assertThat(c.start()).as("a call begun %d ms after the kill failed: %s",
                ms(c.start() - o.killed()), c.failure()).isLessThan(settled));
        List<Call> waited = o.calls().stream().filter(c -> c.failure() == null && c.start() < o.promoting()
                && c.end() > o.promoting()).toList();
        assertThat(waited).as("calls begun while there was no primary waited for the promoted one").isNotEmpty()
                .allSatisfy(c -> assertThat(c.port()).isEqualTo(cluster.standby.port));
    }

    @Test
    void failoverWaitDoesNotHoldTheCallersOfAPoolThatNeverConnected() {
        try (PgPool pool = PgPool.builder(cluster.dsn("target_session_attrs=read-write failover_wait=30", cluster.standby))
                .threads(1).maxSize(1).acquireTimeout(Duration.ofSeconds(20)).build()) {
            // A wrong address at startup is a configuration error: the first failed attempt says so (a
            // caller held to its acquire timeout would be told "pool exhausted: no connection within 20s").
            assertThatThrownBy(pool::get).isInstanceOf(PgConnectionException.class)
                    .hasMessageContaining("target_session_attrs=read-write")
                    .hasMessageNotContaining("pool exhausted");
        }
    }

    /** The calls of a failover run, and when the kill returned and the promotion began (nanoTime). */
    record Outcome(List<Call> calls, long killed, long promoting) {
    }

    private Outcome failoverUnderLoad(Duration beforePromote, String dsnExtra, Duration acquireTimeout) throws Exception {
        cluster.primary.sql("CREATE TABLE failover_writes(id bigserial PRIMARY KEY, port int NOT NULL)");
        cluster.awaitStandbyCaughtUp(Duration.ofSeconds(20));
        String dsn = cluster.dsn("target_session_attrs=read-write", cluster.primary, cluster.standby)
                .replace("connect_timeout=5", "connect_timeout=2") + dsnExtra;
        ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
        // loaded here, not first by the six racing virtual threads below: the JVM's class loading lock
        // pins a virtual thread's carrier while another thread loads the same class (the guard saw it)
        calls.add(new Call(0, 0, 0, null));
        calls.clear();
        AtomicBoolean stop = new AtomicBoolean();
        // The default reconnect backoff (50 ms to 2 s): while the standby answers but is not yet a primary,
        // the pool looks again within 250 ms.
        try (PgPool pool = PgPool.builder(dsn).threads(2).maxSize(3).acquireTimeout(acquireTimeout)
                .defaultDeadline(Duration.ofSeconds(2)).build()) {
            String insert = "INSERT INTO failover_writes(port) VALUES (inet_server_port()) RETURNING port";
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                boolean handles = i % 2 == 0;
                clients.add(Thread.ofVirtual().start(() -> {
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        try {
                            int port;
                            if (handles) {
                                try (Pg pg = pool.get()) {
                                    port = pg.exec(insert).scalar(Integer.class);
                                }
                            } else {
                                port = pool.execAsync(insert).await().scalar(Integer.class);
                            }
                            calls.add(new Call(t0, System.nanoTime(), port, null));
                        } catch (RuntimeException e) {
                            calls.add(new Call(t0, System.nanoTime(), -1, e));
                        }
                        try {
                            Thread.sleep(2);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }));
            }
            eventually(Duration.ofSeconds(20), () -> calls.stream().filter(c -> c.failure() == null).count() >= 200);
            long stopAt = System.nanoTime();
            cluster.primary.kill();
            long killed = System.nanoTime();
            Thread.sleep(beforePromote.toMillis());
            long promoteStart = System.nanoTime();
            cluster.standby.promote();
            long promoted = System.nanoTime();
            eventually(Duration.ofSeconds(30), () -> calls.stream()
                    .filter(c -> c.failure() == null && c.port() == cluster.standby.port && c.start() > promoted).count() >= 300);
            stop.set(true);
            for (Thread t : clients) {
                assertThat(t.join(Duration.ofSeconds(30))).as("a client still running: a call hangs").isTrue();
            }

            List<Call> all = calls.stream().sorted(Comparator.comparingLong(Call::end)).toList();
            List<Call> failed = all.stream().filter(c -> c.failure() != null).toList();
            // Nothing failed before the primary went away.
            assertThat(failed).allSatisfy(c -> assertThat(c.end()).isGreaterThan(stopAt));
            // Failures during the window are connection errors or deadlines, nothing else.
            assertThat(failed).allSatisfy(c -> assertThat(c.failure())
                    .isInstanceOfAny(PgConnectionException.class, PgTimeoutException.class));
            // Every write before the kill went to the primary; every write that began after it, to the new primary.
            assertThat(all).filteredOn(c -> c.failure() == null && c.end() < stopAt)
                    .allSatisfy(c -> assertThat(c.port()).isEqualTo(cluster.primary.port));
            assertThat(all).filteredOn(c -> c.failure() == null && c.start() > killed)
                    .allSatisfy(c -> assertThat(c.port()).isEqualTo(cluster.standby.port));
            // The window closed for good: after the last failure, writes go on succeeding, on the new primary.
            long lastFailure = failed.isEmpty() ? killed : failed.get(failed.size() - 1).end();
            List<Call> after = all.stream().filter(c -> c.start() > lastFailure).toList();
            assertThat(after).hasSizeGreaterThanOrEqualTo(100)
                    .allSatisfy(c -> assertThat(c.failure()).isNull())
                    .allSatisfy(c -> assertThat(c.port()).isEqualTo(cluster.standby.port));
            PoolStats stats = pool.stats();
            assertThat(stats.hosts().get(0).state()).isEqualTo(HostStats.State.DOWN);
            assertThat(stats.hosts().get(0).open()).isZero();
            assertThat(stats.hosts().get(1).state()).isEqualTo(HostStats.State.UP);
            assertThat(stats.hosts().get(1).role()).isEqualTo(HostStats.Role.PRIMARY);
            assertThat(stats.hosts().get(1).open()).isEqualTo(stats.total());

            long firstOnNew = all.stream().filter(c -> c.failure() == null && c.port() == cluster.standby.port)
                    .mapToLong(Call::end).min().orElseThrow();
            Map<String, Long> kinds = failed.stream().collect(Collectors.groupingBy(
                    c -> c.failure().getClass().getSimpleName(), Collectors.counting()));
            System.out.printf("failover (promoted " + beforePromote.toMillis() + " ms after the kill): %d calls, %d failed %s; kill took %d ms, promote %d ms; first write on the new"
                    + " primary %d ms after the kill (%d ms after promote returned); last failure %d ms after the kill%n",
                    all.size(), failed.size(), kinds, ms(killed - stopAt), ms(promoted - promoteStart), ms(firstOnNew - stopAt),
                    ms(firstOnNew - promoted), ms(lastFailure - stopAt));
            return new Outcome(all, killed, promoteStart);
        }
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
