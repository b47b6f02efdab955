package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PoolTest {
    static PgTestDb db;

    @BeforeAll
    static void setUp() {
        db = new PgTestDb(PoolTest.class);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    private static PgPool smallPool(int threads, int maxSize) {
        return PgPool.builder(PgTestDb.dsnWithSearchPath(db.schema)).threads(threads).maxSize(maxSize)
                .acquireTimeout(Duration.ofSeconds(20)).build();
    }

    @Test
    void twoHundredVirtualThreadsShareFourConnectionsPerShard() throws Exception {
        try (PgPool pool = smallPool(2, 4)) {
            Set<Integer> pids = ConcurrentHashMap.newKeySet();
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        for (int q = 0; q < 5; q++) {
                            try (Pg pg = pool.get()) {
                                pids.add(pg.processId());
                                assertThat(pg.exec("SELECT $1::int + 1", n).scalar(Integer.class)).isEqualTo(n + 1);
                            }
                        }
                    } catch (Throwable t) {
                        errors.add(t);
                    }
                }));
            }
            for (Thread t : threads) {
                t.join(60_000);
            }
            assertThat(errors).isEmpty();
            assertThat(pids.size()).isBetween(1, 8);
            // Releases reach the shard's loop asynchronously; the snapshot settles right after.
            long end = System.nanoTime() + 2_000_000_000L;
            while (pool.stats().inUse() > 0 && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            PoolStats s = pool.stats();
            assertThat(s.inUse()).isZero();
            assertThat(s.waiting()).isZero();
            assertThat(s.total()).isLessThanOrEqualTo(8);
            assertThat(s.shards()).hasSize(2).allSatisfy(per -> assertThat(per.total()).isLessThanOrEqualTo(4));
        }
    }

    @Test
    void exhaustedPoolFailsAtTheDeadlineSayingSoWithItsStats() {
        try (PgPool pool = smallPool(1, 2); Pg a = pool.get(); Pg b = pool.get()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> pool.get(0, Duration.ofMillis(300))).isInstanceOf(PgConnectionException.class)
                    .hasMessageContaining("exhausted").hasMessageContaining("inUse=2");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(290));
            b.close();
            try (Pg c = pool.get(0, Duration.ofMillis(300))) {
                assertThat(c.exec("SELECT 1").scalar(Integer.class)).isEqualTo(1);
            }
            assertThat(a.isOpen()).isTrue();
        }
    }

    @Test
    void queuedCallersEachFailAtTheirOwnDeadlineAndTheOthersKeepTheirPlace() throws Exception {
        try (PgPool pool = smallPool(1, 1); Pg held = pool.get()) {
            long start = System.nanoTime();
            CompletableFuture<Pg> patient = waitFor(pool, Duration.ofSeconds(20));
            awaitWaiting(pool, 1);
            CompletableFuture<Pg> hasty = waitFor(pool, Duration.ofMillis(200));
            awaitWaiting(pool, 2);
            CompletableFuture<Pg> middling = waitFor(pool, Duration.ofMillis(600));
            awaitWaiting(pool, 3);
            assertThatThrownBy(hasty::join).hasCauseInstanceOf(PgConnectionException.class)
                    .hasMessageContaining("no connection within PT0.2S");
            long hastyAt = System.nanoTime() - start;
            assertThatThrownBy(middling::join).hasCauseInstanceOf(PgConnectionException.class)
                    .hasMessageContaining("no connection within PT0.6S");
            long middlingAt = System.nanoTime() - start;
            assertThat(Duration.ofNanos(hastyAt)).isBetween(Duration.ofMillis(190), Duration.ofMillis(550));
            assertThat(Duration.ofNanos(middlingAt)).isBetween(Duration.ofMillis(590), Duration.ofMillis(1500));
            assertThat(patient).isNotDone();
            assertThat(pool.stats().waiting()).isEqualTo(1);
            held.close();
            try (Pg served = patient.get(10, TimeUnit.SECONDS)) {
                assertThat(served.exec("SELECT 1").scalar(Integer.class)).isEqualTo(1);
            }
            assertThat(pool.stats().waiting()).isZero();
        }
    }

    private static CompletableFuture<Pg> waitFor(PgPool pool, Duration timeout) {
        return CompletableFuture.supplyAsync(() -> pool.get(0, timeout), task -> Thread.ofVirtual().start(task));
    }

    private static void awaitWaiting(PgPool pool, int n) throws InterruptedException {
        Eventually.eventually(Duration.ofSeconds(5), () -> pool.stats().waiting() >= n);
    }

    @Test
    void recoversAfterEveryBackendIsTerminatedDuringUse() throws Exception {
        try (PgPool pool = smallPool(1, 4)) {
            List<Pg> held = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                held.add(pool.get());
            }
            var sleeping = held.stream().map(pg -> pg.execAsync("SELECT pg_sleep(10)")).toList();
            try (Pg killer = db.pool.get()) {
                for (Pg pg : held) {
                    killer.exec("SELECT pg_terminate_backend($1)", pg.processId());
                }
            }
            for (var f : sleeping) {
                assertThatThrownBy(() -> f.await(Duration.ofSeconds(5))).isInstanceOf(PgConnectionException.class);
            }
            held.forEach(Pg::close);
            for (int i = 0; i < 20; i++) {
                try (Pg pg = pool.get()) {
                    assertThat(pg.exec("SELECT 1").scalar(Integer.class)).isEqualTo(1);
                }
            }
            assertThat(pool.stats().closed()).isGreaterThanOrEqualTo(4);
            assertThat(pool.stats().total()).isLessThanOrEqualTo(4);
        }
    }

    @Test
    void aWaiterThatGivesItsConnectionBackAtOnceLeavesItIdleOnlyOnce() {
        try (PgPool pool = smallPool(1, 1)) {
            pool.execAsync("SELECT 1").await().close();
            boolean[] readyAfter = pool.reactor().shard(0).submit(() -> {
                Pg held = pool.getAsync().valueNow();
                // Queued; its continuation runs inline when served and gives the connection straight back.
                pool.getAsync().onComplete((pg, e) -> pg.close());
                held.close();
                Future<Pg> first = pool.getAsync();
                Future<Pg> second = pool.getAsync();
                boolean[] ready = {first.isDone(), second.isDone(), pool.stats().idle() == 0};
                second.onComplete((pg, e) -> pg.close());
                first.valueNow().close();
                return ready;
            }).await();
            // One connection: the first acquire gets it, the second must wait for it.
            assertThat(readyAfter).containsExactly(true, false, true);
        }
    }

    @Test
    void anUnreadableTlsRootCertificateFailsTheBuildNotTheFirstConnect() {
        // The TLS context is built by build(), on this thread, never on an event loop at connect time.
        assertThatThrownBy(() -> PgPool.builder(
                "postgres://nobody@127.0.0.1:1/none?sslmode=verify-ca&sslrootcert=/nonexistent/root.crt").threads(1).build())
                .isInstanceOf(PgConnectionException.class).hasMessageContaining("cannot set up TLS")
                .hasMessageContaining("/nonexistent/root.crt");
    }

    @Test
    void closeWaitsForHandlesInUseThenTerminates() throws Exception {
        PgPool pool = smallPool(1, 2);
        Pg pg = pool.get();
        Thread user = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300);
                pg.exec("SELECT 1");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                pg.close();
            }
        });
        long start = System.nanoTime();
        pool.close(Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        user.join();
        assertThatThrownBy(pool::get).isInstanceOf(PgConnectionException.class).hasMessageContaining("closed");

        PgPool other = smallPool(1, 2);
        Pg forgotten = other.get();
        start = System.nanoTime();
        other.close(Duration.ofMillis(200));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThatThrownBy(() -> forgotten.exec("SELECT 1")).isInstanceOf(PgConnectionException.class);
    }
}
