package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import io.fasterapi.testing.BlackholeProxy;
import io.fasterapi.testing.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code /ready} with the pool's view of PostgreSQL (the {@code postgres} check an app gets from
 * {@link PgDepends#from} or {@code provideInstance}): 503 within a few seconds of the database
 * becoming unreachable (a blackhole; a server that resets every connection), 200 again once it is
 * back, {@code /health} unchanged throughout, and a bounded number of probes however often
 * {@code /ready} is asked.
 */
class ReadinessPostgresTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration PROBE_INTERVAL = Duration.ofMillis(500);
    static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);

    BlackholeProxy proxy;
    PgPool pool;
    TestClient client;

    @AfterEach
    void stop() {
        try {
            if (client != null) {
                client.close();
            }
            if (pool != null) {
                pool.close();
            }
        } finally {
            if (proxy != null) {
                proxy.close();
            }
        }
    }

    private void start(boolean throughPgDepends) throws Exception {
        proxy = BlackholeProxy.forDsn(TestPostgres.dsn());
        String dsn = proxy.dsn(TestPostgres.dsn());
        pool = PgPool.builder(dsn + (dsn.contains("?") ? "&" : "?") + "connect_timeout=2&application_name=readiness_test")
                .threads(1).maxSize(2)
                .healthProbe(PROBE_INTERVAL, PROBE_TIMEOUT).reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .build();
        App app = App.create().reactor(pool.reactor());
        if (throughPgDepends) {
            app.provide(Pg.class, PgDepends.from(pool));
        } else {
            app.provideInstance(PgPool.class, pool);
        }
        client = TestClient.of(app);
    }

    private JsonNode ready(int expectedStatus) {
        TestResponse r = client.get("/ready");
        assertThat(r.status()).as(r.text()).isEqualTo(expectedStatus);
        return JSON.readTree(r.text());
    }

    /** Polls {@code /ready} every 100 ms until it answers {@code status}; returns how long that took. */
    private Duration untilReadyIs(int status, Duration within) throws InterruptedException {
        long start = System.nanoTime();
        while (client.get("/ready").status() != status) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("/ready never became " + status)
                    .isLessThan(within);
            assertThat(client.get("/health").status()).isEqualTo(200);
            Thread.sleep(100);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void aBlackholeTurnsReady503WithinSecondsAndBackTo200HealthStaysLive() throws Exception {
        start(true);
        assertThat(ready(200).path("checks").path("postgres").asString()).isEqualTo("up");
        proxy.blackhole();
        Duration down;
        try {
            down = untilReadyIs(503, Duration.ofSeconds(5));
            JsonNode body = ready(503);
            assertThat(body.path("status").asString()).isEqualTo("unavailable");
            assertThat(body.path("checks").path("postgres").asString()).isIn("down", "timeout");
            assertThat(body.toString()).doesNotContain("127.0.0.1").doesNotContain(String.valueOf(proxy.port()));
            assertThat(client.get("/health").status()).isEqualTo(200);
            assertThat(pool.health().up()).isFalse();
            assertThat(pool.health().failure()).isNotNull();
        } finally {
            proxy.restore();
        }
        Duration up = untilReadyIs(200, Duration.ofSeconds(10));
        assertThat(ready(200).path("checks").path("postgres").asString()).isEqualTo("up");
        System.out.println("blackhole: /ready 503 after " + down.toMillis() + " ms; 200 again " + up.toMillis()
                + " ms after the path returned; " + pool.health());
    }

    @Test
    void aServerThatResetsEveryConnectionTurnsReady503AndBack() throws Exception {
        start(false);
        assertThat(ready(200).path("checks").path("postgres").asString()).isEqualTo("up");
        proxy.refuse();
        Duration down;
        try {
            down = untilReadyIs(503, Duration.ofSeconds(4));
            assertThat(ready(503).path("checks").path("postgres").asString()).isEqualTo("down");
            assertThat(client.get("/health").status()).isEqualTo(200);
        } finally {
            proxy.restore();
        }
        Duration up = untilReadyIs(200, Duration.ofSeconds(10));
        System.out.println("resets: /ready 503 after " + down.toMillis() + " ms; 200 again " + up.toMillis()
                + " ms after; " + pool.health());
    }

    @Test
    void theServerKillingEverySessionLeavesReadyUpOnceANewConnectionAnswers() throws Exception {
        start(true);
        assertThat(ready(200).path("checks").path("postgres").asString()).isEqualTo("up");
        try (PgPool admin = PgPool.builder(TestPostgres.dsn()).threads(1).build(); Pg pg = admin.get()) {
            long killed = pg.exec("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE application_name = 'readiness_test'").scalar(Long.class);
            assertThat(killed).isPositive();
        }
        // The database is up: the next probe reconnects, so /ready is 200 again within an interval or two.
        Duration up = untilReadyIs(200, Duration.ofSeconds(3));
        Thread.sleep(PROBE_INTERVAL.toMillis() + 100);
        assertThat(ready(200).path("checks").path("postgres").asString()).isEqualTo("up");
        System.out.println("sessions killed: /ready 200 within " + up.toMillis() + " ms; " + pool.health());
    }

    @Test
    void manyReadyCallsCostAtMostOneProbePerInterval() throws Exception {
        start(true);
        ready(200);
        long before = pool.health().probes();
        long startNanos = System.nanoTime();
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                int ok = 0;
                long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                while (System.nanoTime() - end < 0) {
                    ok += client.get("/ready").status() == 200 ? 1 : -1_000_000;
                    asked.incrementAndGet();
                }
                return ok;
            }, r -> Thread.ofPlatform().daemon().start(r)));
        }
        int ok = 0;
        for (CompletableFuture<Integer> c : calls) {
            ok += c.get(30, TimeUnit.SECONDS);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        long probes = pool.health().probes() - before;
        assertThat(ok).isEqualTo(asked.get());
        assertThat(asked.get()).isGreaterThan(50);
        // one per interval started, plus the one that may be finishing as the calls end; and not none
        assertThat(probes).isBetween(1L, took.toNanos() / PROBE_INTERVAL.toNanos() + 2);
        System.out.println(asked.get() + " /ready calls in " + took.toMillis() + " ms cost " + probes + " probes");
    }

    @Test
    void anAppsOwnPostgresCheckWinsOverThePools() throws Exception {
        proxy = BlackholeProxy.forDsn(TestPostgres.dsn());
        pool = PgPool.builder(TestPostgres.dsn()).threads(1).build();
        App app = App.create().reactor(pool.reactor()).provide(Pg.class, PgDepends.from(pool))
                .readinessCheck("postgres", () -> false);
        client = TestClient.of(app);
        assertThat(ready(503).path("checks").path("postgres").asString()).isEqualTo("down");
        assertThat(pool.health().probes()).isZero();
    }
}
