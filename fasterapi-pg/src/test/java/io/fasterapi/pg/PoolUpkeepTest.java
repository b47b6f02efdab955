package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.core.Future;
import io.fasterapi.core.Shard;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Idle timeout, lifetime, health checks, release reset, pipelining, leaks, ping and shard affinity. */
class PoolUpkeepTest {
    static PgTestDb db;

    @BeforeAll
    static void setUp() {
        db = new PgTestDb(PoolUpkeepTest.class);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    private static PgPool.Builder builder() {
        return PgPool.builder(PgTestDb.dsnWithSearchPath(db.schema)).threads(1).maxSize(4)
                .acquireTimeout(Duration.ofSeconds(10));
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        Eventually.eventually(Duration.ofSeconds(10), condition);
    }

    private static int pid(PgPool pool) {
        try (Pg pg = pool.get()) {
            return pg.processId();
        }
    }

    private static boolean backendAlive(int pid) {
        try (Pg pg = db.pool.get()) {
            return pg.exec("SELECT count(*) FROM pg_stat_activity WHERE pid = $1", pid).scalar(Long.class) == 1;
        }
    }

    @Test
    void idleConnectionsAboveMinSizeCloseAfterTheIdleTimeout() throws Exception {
        try (PgPool pool = builder().minSize(1).idleTimeout(Duration.ofMillis(200)).build()) {
            List<Pg> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                held.add(pool.get());
            }
            List<Integer> pids = held.stream().map(Pg::processId).toList();
            held.forEach(Pg::close);
            eventually(() -> pool.stats().total() == 1);
            assertThat(pool.stats().closed()).isEqualTo(2);
            // The closed ones sent Terminate; their backends exit soon after.
            eventually(() -> pids.stream().filter(PoolUpkeepTest::backendAlive).count() == 1);
        }
    }

    @Test
    void connectionsAreRetiredAtTheirMaximumLifetime() throws Exception {
        try (PgPool pool = builder().minSize(1).maxLifetime(Duration.ofMillis(300)).build()) {
            int first = pid(pool);
            eventually(() -> !backendAlive(first));
            eventually(() -> pool.stats().idle() == 1);
            assertThat(pid(pool)).isNotEqualTo(first);
            assertThat(pool.stats().closed()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void healthCheckReplacesABrokenIdleConnectionBeforeAnyoneGetsIt() throws Exception {
        try (PgPool pool = builder().minSize(1).healthCheckInterval(Duration.ofMillis(100)).build()) {
            eventually(() -> pool.stats().idle() == 1);
            int victim = pid(pool);
            try (Pg killer = db.pool.get()) {
                killer.exec("SELECT pg_terminate_backend($1)", victim);
            }
            eventually(() -> pool.stats().closed() == 1 && pool.stats().idle() == 1);
            try (Pg pg = pool.get()) {
                assertThat(pg.processId()).isNotEqualTo(victim);
                assertThat(pg.exec("SELECT 1").scalar(Integer.class)).isEqualTo(1);
            }
        }
    }

    @Test
    void releaseResetsSessionStateButKeepsPreparedStatements() {
        PreparedQuery q = PreparedQuery.of("SELECT current_setting('statement_timeout')");
        try (PgPool pool = builder().maxSize(1).build()) {
            int pid;
            try (Pg pg = pool.get()) {
                pid = pg.processId();
                pg.run(q);
                pg.exec("SET statement_timeout = '12s'");
                pg.script("LISTEN leftover; BEGIN; DECLARE c CURSOR WITH HOLD FOR SELECT 1; COMMIT");
                pg.exec("BEGIN");
            }
            try (Pg pg = pool.get()) {
                assertThat(pg.processId()).isEqualTo(pid);
                assertThat(pg.inTransaction()).isFalse();
                assertThat(pg.run(q).scalar(String.class)).isEqualTo("0");
                assertThat(pg.exec("SELECT count(*) FROM pg_listening_channels()").scalar(Long.class)).isZero();
                assertThat(pg.exec("SELECT count(*) FROM pg_cursors WHERE name = 'c'").scalar(Long.class)).isZero();
                int prepared = pg.shard().submit(() ->
                        ((io.fasterapi.pg.internal.pool.PgSession) pg).connection().preparedCount()).await();
                assertThat(prepared).isGreaterThanOrEqualTo(1);
                assertThat(pg.exec("SELECT count(*) FROM pg_prepared_statements").scalar(Long.class)).isPositive();
            }
        }
    }

    @Test
    void asyncStatementsShareAConnectionUpToThePipeliningDepth() {
        try (PgPool pool = builder().maxSize(1).pipeliningDepth(4).build()) {
            pool.execAsync("SELECT 1").await().close();
            Shard shard = pool.reactor().shard(0);
            List<Future<QueryResult>> calls = new ArrayList<>();
            PoolStats during = shard.submit(() -> {
                for (int i = 0; i < 6; i++) {
                    calls.add(pool.execAsync("SELECT pg_backend_pid(), pg_sleep(0.05)"));
                }
                return pool.stats();
            }).await();
            // Four ride one connection at once; the other two wait for a pipeline slot.
            assertThat(during.inUse()).isEqualTo(1);
            assertThat(during.waiting()).isEqualTo(2);
            assertThat(calls.stream().map(f -> f.await().one().getInt(0)).distinct().count()).isEqualTo(1);
        }
    }

    @Test
    void pipeliningDepthOneKeepsAsyncStatementsApart() {
        try (PgPool pool = builder().maxSize(1).pipeliningDepth(1).build()) {
            pool.execAsync("SELECT 1").await().close();
            PoolStats during = pool.reactor().shard(0).submit(() -> {
                for (int i = 0; i < 3; i++) {
                    pool.execAsync("SELECT 1");
                }
                return pool.stats();
            }).await();
            assertThat(during.waiting()).isEqualTo(2);
        }
    }

    @Test
    void leakDetectionReportsAForgottenHandleAndReclaimsIt() throws Exception {
        BlockingQueue<PgLeak> leaks = new LinkedBlockingQueue<>();
        try (PgPool pool = builder().maxSize(1).leakDetection(leaks::add).build()) {
            int pid = forgetAHandle(pool);
            assertLeakReportedAndReclaimed(pool, leaks, pid, "forgetAHandle");
        }
    }

    /**
     * A leak of {@code pid}'s connection is reported (the garbage collector is run until it is), with
     * {@code leakingMethod} in its stack, and the connection came back: the only one of this pool is
     * usable again.
     */
    private static void assertLeakReportedAndReclaimed(PgPool pool, BlockingQueue<PgLeak> leaks, int pid,
            String leakingMethod) throws InterruptedException {
        PgLeak leak = null;
        for (int i = 0; i < 100 && leak == null; i++) {
            System.gc();
            leak = leaks.poll(50, TimeUnit.MILLISECONDS);
        }
        assertThat(leak).isNotNull();
        assertThat(leak.processId()).isEqualTo(pid);
        assertThat(leak.toString()).contains(leakingMethod);
        try (Pg pg = pool.get(0, Duration.ofSeconds(5))) {
            assertThat(pg.processId()).isEqualTo(pid);
        }
    }

    private static int forgetAHandle(PgPool pool) {
        Pg pg = pool.get();
        pg.exec("SELECT 1");
        return pg.processId();
    }

    @Test
    void leakDetectionReclaimsTheConnectionOfAWithConnectionWhoseFutureIsDropped() throws Exception {
        BlockingQueue<PgLeak> leaks = new LinkedBlockingQueue<>();
        try (PgPool pool = builder().maxSize(1).leakDetection(leaks::add).build()) {
            int pid = startABodyThatNeverCompletes(pool);
            assertLeakReportedAndReclaimed(pool, leaks, pid, "startABodyThatNeverCompletes");
        }
    }

    /** A withConnection whose body's future never completes and is referenced by nobody once this returns. */
    private static int startABodyThatNeverCompletes(PgPool pool) throws InterruptedException {
        BlockingQueue<Integer> pid = new LinkedBlockingQueue<>();
        pool.withConnection(pg -> {
            pid.add(pg.processId());
            return new io.fasterapi.core.Promise<Void>();
        });
        Integer p = pid.poll(10, TimeUnit.SECONDS);
        assertThat(p).isNotNull();
        return p;
    }

    @Test
    void exhaustionMessageNamesWhereTheOldestHandlesWereAcquired() {
        try (PgPool pool = builder().maxSize(1).leakDetection(leak -> { }).build(); Pg held = holdOne(pool)) {
            assertThatThrownBy(() -> pool.get(0, Duration.ofMillis(100))).isInstanceOf(PgConnectionException.class)
                    .hasMessageContaining("exhausted").hasMessageContaining("holdOne");
            assertThat(held.isOpen()).isTrue();
        }
    }

    private static Pg holdOne(PgPool pool) {
        return pool.get();
    }

    @Test
    void pingIsTrueOnALiveServerAndFalseOnADeadOne() throws Exception {
        assertThat(db.pool.ping().await()).isTrue();
        int port;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0)) {
            port = ss.getLocalPort();
        }
        try (PgPool dead = PgPool.builder("postgres://nobody@127.0.0.1:" + port + "/none?sslmode=disable").threads(1)
                .build()) {
            assertThat(dead.ping(Duration.ofSeconds(2)).await()).isFalse();
        }
    }

    @Test
    void blockingCallerGetsTheShardOfItsRequestElseRoundRobin() throws Exception {
        try (PgPool pool = builder().threads(2).build()) {
            for (Shard s : pool.reactor().shards()) {
                int[] got = new int[1];
                s.startVirtualThread(() -> {
                    try (Pg pg = pool.get()) {
                        got[0] = pg.shard().id();
                    }
                }).join();
                assertThat(got[0]).isEqualTo(s.id());
            }
            List<Integer> seen = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                try (Pg pg = pool.get()) {
                    seen.add(pg.shard().id());
                }
            }
            assertThat(seen).contains(0, 1);
        }
    }

    @Test
    void onItsOwnLoopAnIdleConnectionIsHandedOutAndTakenBackInline() {
        try (PgPool pool = builder().maxSize(1).build()) {
            pool.execAsync("SELECT 1").await().close();
            boolean[] inline = pool.reactor().shard(0).submit(() -> {
                Future<Pg> f = pool.getAsync();
                boolean ready = f.isDone();
                f.valueNow().close();
                // Released inline as well: the next acquire on the loop finds it idle at once.
                Future<Pg> again = pool.getAsync();
                boolean readyAgain = again.isDone();
                again.valueNow().close();
                return new boolean[] {ready, readyAgain, pool.stats().idle() == 1};
            }).await();
            assertThat(inline).containsExactly(true, true, true);
        }
    }

    @Test
    void acquireTimesArePublishedPerShard() {
        try (PgPool pool = builder().maxSize(1).build()) {
            for (int i = 0; i < 20; i++) {
                pool.execAsync("SELECT 1").await().close();
            }
            PoolStats s = pool.stats();
            assertThat(s.shards()).hasSize(1);
            assertThat(s.acquireMax()).isGreaterThanOrEqualTo(s.acquireP99());
            assertThat(s.acquireP99()).isGreaterThanOrEqualTo(s.acquireP50());
            assertThat(s.acquireMax()).isPositive();
        }
    }

    @Test
    void micrometerSeesTheShardsFigures() {
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        try (PgPool pool = builder().threads(2).maxSize(2).metrics(registry, "main").build(); Pg held = pool.get()) {
            double inUse = registry.find("fasterapi.pg.pool.connections").tag("state", "in-use").gauges().stream()
                    .mapToDouble(io.micrometer.core.instrument.Gauge::value).sum();
            assertThat(inUse).isEqualTo(1.0);
            assertThat(registry.find("fasterapi.pg.pool.created").functionCounters()).hasSize(2);
            assertThat(registry.find("fasterapi.pg.pool.acquire").tag("pool", "main").functionTimers()).hasSize(2);
        }
    }
}
