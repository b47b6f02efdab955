package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.core.Shard;
import io.fasterapi.pg.internal.connection.PgConnection;
import io.fasterapi.pg.internal.pool.PgSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Blocking callers off the loop claim and give back idle connections without the shard's loop
 * (issue 4), and that stays race-free next to the loop's own callers, queued callers and upkeep.
 * The stress seeds derive from {@code -Dfasterapi.seed=N} (a fresh one each run otherwise).
 */
class PoolOffLoopTest {
    private static final long BASE_SEED = Long.getLong("fasterapi.seed", System.nanoTime());
    static PgTestDb db;

    @BeforeAll
    static void setUp() {
        System.out.println("PoolOffLoopTest base seed " + BASE_SEED + " (replay with -Dfasterapi.seed=" + BASE_SEED + ")");
        db = new PgTestDb(PoolOffLoopTest.class);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    private static PgPool.Builder builder() {
        return PgPool.builder(PgTestDb.dsnWithSearchPath(db.schema)).threads(1).maxSize(2)
                .acquireTimeout(Duration.ofSeconds(10));
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        Eventually.eventually(Duration.ofSeconds(10), condition);
    }

    @Test
    void blockingCallerClaimsAndGivesBackAnIdleConnectionWhileTheLoopIsBusy() throws Exception {
        try (PgPool pool = builder().build()) {
            int pid;
            try (Pg pg = pool.get()) {
                pid = pg.processId();
            }
            CountDownLatch loopBusy = new CountDownLatch(1);
            CountDownLatch letLoopGo = new CountDownLatch(1);
            pool.reactor().shard(0).execute(() -> {
                loopBusy.countDown();
                try {
                    letLoopGo.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            loopBusy.await();
            List<Integer> got = new CopyOnWriteArrayList<>();
            try {
                Thread caller = Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < 3; i++) {
                        try (Pg pg = pool.get()) {
                            got.add(pg.processId());
                        }
                    }
                });
                assertThat(caller.join(Duration.ofSeconds(5))).as("get()+close() finished while the loop was busy").isTrue();
            } finally {
                letLoopGo.countDown();
            }
            assertThat(got).containsExactly(pid, pid, pid);
            PoolStats s = pool.stats();
            assertThat(s.inUse()).isZero();
            assertThat(s.idle()).isEqualTo(1);
        }
    }

    @Test
    void queuedCallersAreServedInOrderBeforeAnyNewClaim() throws Exception {
        try (PgPool pool = builder().maxSize(1).build()) {
            List<String> order = new CopyOnWriteArrayList<>();
            CountDownLatch bMayClose = new CountDownLatch(1);
            Pg a = pool.get();
            Thread b = Thread.ofVirtual().start(() -> {
                try (Pg pg = pool.get()) {
                    order.add("b");
                    bMayClose.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            eventually(() -> pool.stats().waiting() == 1);
            Thread c = Thread.ofVirtual().start(() -> {
                try (Pg pg = pool.get()) {
                    order.add("c");
                }
            });
            eventually(() -> pool.stats().waiting() == 2);
            a.close(); // off the loop, with callers queued: it goes to b, not to the shared stack
            eventually(() -> order.equals(List.of("b")));
            Thread d = Thread.ofVirtual().start(() -> {
                try (Pg pg = pool.get()) {
                    order.add("d");
                }
            });
            eventually(() -> pool.stats().waiting() == 2);
            bMayClose.countDown();
            for (Thread t : List.of(b, c, d)) {
                assertThat(t.join(Duration.ofSeconds(10))).isTrue();
            }
            assertThat(order).containsExactly("b", "c", "d");
        }
    }

    @Test
    void claimsOffTheLoopAreCountedInTheAcquireFigures() throws Exception {
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        try (PgPool pool = builder().metrics(registry, "offloop").build()) {
            Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 50; i++) {
                    pool.get().close();
                }
            }).join();
            pool.stats(); // folds the claims made off the loop into the shard's figures
            double count = registry.find("fasterapi.pg.pool.acquire").tag("pool", "offloop").functionTimer().count();
            assertThat(count).isEqualTo(50.0);
        }
    }

    @Test
    void aConnectionLeftInATransactionIsResetByTheLoopBeforeTheNextClaim() {
        try (PgPool pool = builder().maxSize(1).build()) {
            try (Pg pg = pool.get()) {
                pg.exec("BEGIN");
                pg.exec("SET LOCAL statement_timeout = '7s'");
            }
            try (Pg pg = pool.get()) {
                assertThat(pg.inTransaction()).isFalse();
                assertThat(pg.exec("SHOW statement_timeout").scalar(String.class)).isEqualTo("0");
            }
        }
    }

    // ------------------------------------------------------------------ stress

    static LongStream seeds() {
        return LongStream.range(0, 3).map(i -> BASE_SEED + i);
    }

    /** Counts the holders of each connection; a second one at once is a violation. */
    private static final class Holders {
        final Map<PgConnection, AtomicInteger> count = new ConcurrentHashMap<>();
        final List<String> violations = new CopyOnWriteArrayList<>();

        void enter(Pg pg, String who) {
            int n = count.computeIfAbsent(((PgSession) pg).connection(), c -> new AtomicInteger()).incrementAndGet();
            if (n != 1) {
                violations.add(who + " got pid " + pg.processId() + " while " + (n - 1) + " other(s) held it");
            }
        }

        void leave(Pg pg) {
            count.get(((PgSession) pg).connection()).decrementAndGet();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void noConnectionIsEverHeldTwiceAndAllAreIdleAtTheEnd(long seed) throws Exception {
        String replay = "seed " + seed + "; replay with -Dfasterapi.seed=" + BASE_SEED;
        Random master = new Random(seed);
        List<PgLeak> leaks = new CopyOnWriteArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        AtomicInteger exhausted = new AtomicInteger();
        Holders holders = new Holders();
        try (PgPool pool = builder().threads(2).minSize(1).maxSize(3).pipeliningDepth(2)
                .healthCheckInterval(Duration.ofMillis(20)).idleTimeout(Duration.ofMillis(60))
                .maxLifetime(Duration.ofMillis(250)).acquireTimeout(Duration.ofSeconds(20)).leakDetection(leaks::add)
                .build()) {
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < 20; t++) {
                Random r = new Random(master.nextLong());
                String who = "vt" + t;
                Runnable body = () -> {
                    try {
                        for (int i = 0; i < 80; i++) {
                            blockingStep(pool, r, who, holders, exhausted);
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                };
                Shard home = pool.reactor().shard(t % 2);
                callers.add(t % 3 == 0 ? Thread.ofVirtual().start(body) : home.startVirtualThread(body));
            }
            CountDownLatch loopDrivers = new CountDownLatch(4);
            for (int d = 0; d < 4; d++) {
                Random r = new Random(master.nextLong());
                String who = "loop" + d;
                pool.reactor().shard(d % 2).execute(() -> loopStep(pool, r, 120, who, holders, errors, loopDrivers));
            }
            for (Thread t : callers) {
                assertThat(t.join(Duration.ofSeconds(60))).as("caller finished; " + replay).isTrue();
            }
            assertThat(loopDrivers.await(60, TimeUnit.SECONDS)).as("loop drivers finished; " + replay).isTrue();
            assertThat(errors).as(replay).isEmpty();
            assertThat(holders.violations).as(replay).isEmpty();

            long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            PoolStats s = pool.stats();
            while (!(s.inUse() == 0 && s.waiting() == 0 && s.idle() == s.total()) && System.nanoTime() < settle) {
                Thread.sleep(5);
                s = pool.stats();
            }
            assertThat(s.inUse()).as(replay + "; " + s).isZero();
            assertThat(s.waiting()).as(replay + "; " + s).isZero();
            assertThat(s.idle()).as(replay + "; " + s).isEqualTo(s.total());
            // Every connection is usable and clean: hold them all at once on each shard.
            for (int core = 0; core < 2; core++) {
                List<Pg> all = new ArrayList<>();
                Set<Integer> pids = new HashSet<>();
                try {
                    for (int i = 0; i < 3; i++) {
                        Pg pg = pool.get(core, Duration.ofSeconds(10));
                        all.add(pg);
                        pids.add(pg.processId());
                        assertThat(pg.inTransaction()).as(replay).isFalse();
                        assertThat(pg.exec("SHOW statement_timeout").scalar(String.class)).as(replay).isEqualTo("0");
                    }
                } finally {
                    all.forEach(Pg::close);
                }
                assertThat(pids).as(replay).hasSize(3);
            }
            assertThat(leaks).as(replay).isEmpty();
            System.out.println(replay + ": " + exhausted.get() + " short acquires timed out; " + pool.stats());
        }
    }

    private static void blockingStep(PgPool pool, Random r, String who, Holders holders, AtomicInteger exhausted)
            throws InterruptedException {
        int op = r.nextInt(10);
        if (op == 7) {
            try (Pg pg = pool.get(r.nextInt(2), Duration.ofMillis(2))) {
                holders.enter(pg, who);
                holders.leave(pg);
            } catch (PgConnectionException e) {
                exhausted.incrementAndGet();
            }
            return;
        }
        if (op == 8) {
            pool.execAsync("SELECT 1").await().close();
            return;
        }
        Pg pg = op == 9 ? pool.getAsync().await() : pool.get();
        try {
            holders.enter(pg, who);
            switch (op) {
                case 5 -> pg.exec("BEGIN");
                case 6 -> pg.exec("SET statement_timeout = '9s'");
                default -> {
                    if (r.nextBoolean()) {
                        pg.exec("SELECT $1::int", op).close();
                    }
                    if (r.nextInt(4) == 0) {
                        Thread.sleep(r.nextInt(3));
                    }
                }
            }
            holders.leave(pg);
        } finally {
            pg.close();
        }
    }

    /** One acquire on the shard's loop, held through a statement or a short delay, then the next. Loop only. */
    private static void loopStep(PgPool pool, Random r, int left, String who, Holders holders, List<Throwable> errors,
            CountDownLatch done) {
        if (left == 0) {
            done.countDown();
            return;
        }
        Shard shard = Shard.current();
        Runnable next = () -> loopStep(pool, r, left - 1, who, holders, errors, done);
        if (r.nextInt(4) == 0) {
            pool.execAsync("SELECT 2").onComplete((res, e) -> {
                if (res != null) {
                    res.close();
                }
                if (e != null) {
                    errors.add(e);
                }
                next.run();
            });
            return;
        }
        pool.getAsync().onComplete((pg, e) -> {
            if (e != null) {
                errors.add(e);
                next.run();
                return;
            }
            holders.enter(pg, who);
            Runnable giveBack = () -> {
                holders.leave(pg);
                pg.close();
                next.run();
            };
            switch (r.nextInt(3)) {
                case 0 -> giveBack.run();
                case 1 -> pg.execAsync("SELECT 3").onComplete((res, err) -> {
                    if (res != null) {
                        res.close();
                    }
                    if (err != null) {
                        errors.add(err);
                    }
                    giveBack.run();
                });
                default -> shard.delay(Duration.ofMillis(1)).onComplete((v, err) -> giveBack.run());
            }
        });
    }
}
