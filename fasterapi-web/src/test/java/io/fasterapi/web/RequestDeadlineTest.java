package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.core.Deadline;
import io.fasterapi.core.Future;
import io.fasterapi.core.Promise;
import io.fasterapi.core.Shard;
import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import io.fasterapi.testing.BlackholeProxy;
import io.fasterapi.testing.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The request deadline ({@code ServerOptions.handlerTimeout}) against a real PostgreSQL behind a
 * loopback proxy that turns into a blackhole (both directions stop, every socket stays open): the
 * request is answered 503/504 within its deadline, its queries are bounded by it, no handler thread
 * stays parked, and the pool heals once the path returns.
 */
class RequestDeadlineTest {
    static final Duration HANDLER_TIMEOUT = Duration.ofSeconds(1);
    static BlackholeProxy proxy;
    static PgPool pool;
    static TestClient client;
    static final AtomicInteger running = new AtomicInteger();
    static final CountDownLatch sleepyDone = new CountDownLatch(1);
    static volatile boolean sleepyReturned;

    public static class Routes {
        @Get("/one")
        public Map<String, Object> one(Request request) {
            running.incrementAndGet(); // before the acquire, which may be what parks
            try {
                Pg pg = request.dependency(Pg.class);
                return Map.of("one", pg.exec("SELECT 1").scalar(Integer.class));
            } finally {
                running.decrementAndGet();
            }
        }

        @Get("/two-sleeps")
        public Map<String, Object> twoSleeps(Pg pg) {
            pg.exec("SELECT pg_sleep(0.6)").close();
            pg.exec("SELECT pg_sleep(0.6)").close(); // gets the 0.4 s left, not a fresh 30 s
            return Map.of("slept", true);
        }

        @Get("/sleepy")
        public Map<String, Object> sleepy() throws InterruptedException {
            try {
                Thread.sleep(2000);
                sleepyReturned = true;
                return Map.of("late", true);
            } finally {
                sleepyDone.countDown();
            }
        }

        @Get("/never")
        public Future<String> never() {
            return new Promise<String>(Shard.current()); // never completed
        }

        @Get("/deadline")
        public Map<String, Object> deadline(Request request) {
            Deadline d = request.deadline().orElseThrow();
            return Map.of("leftMillis", d.remaining().toMillis());
        }
    }

    @BeforeAll
    static void start() throws Exception {
        proxy = BlackholeProxy.forDsn(TestPostgres.dsn());
        String dsn = proxy.dsn(TestPostgres.dsn());
        pool = PgPool.builder(dsn + (dsn.contains("?") ? "&" : "?") + "connect_timeout=2&application_name=request_deadline_test")
                .threads(1).maxSize(4).reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(300)).build();
        App app = App.create().reactor(pool.reactor()).provide(Pg.class, PgDepends.from(pool)).include(new Routes());
        client = TestClient.of(app, ServerOptions.builder().handlerTimeout(HANDLER_TIMEOUT));
    }

    @AfterAll
    static void stop() {
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

    private static void eventually(Duration within, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("not within " + within);
            }
            Thread.sleep(20);
        }
    }

    private record Timed(int status, String body, Duration took) {
    }

    private static Timed timedGet(String path) {
        long start = System.nanoTime();
        TestResponse r = client.get(path);
        return new Timed(r.status(), r.text(), Duration.ofNanos(System.nanoTime() - start));
    }

    @Test
    void aBlackholedDatabaseIsAnsweredWithinTheRequestDeadlineNoThreadStaysParkedAndThePoolHeals() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertThat(client.get("/one").status()).isEqualTo(200);
        }
        proxy.blackhole();
        try {
            List<CompletableFuture<Timed>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) { // twice the pool: four wait in the acquire, four in a query
                calls.add(CompletableFuture.supplyAsync(() -> timedGet("/one"),
                        r -> Thread.ofPlatform().daemon().start(r)));
            }
            // Positive control for the thread-dump check below: the handlers are parked right now.
            eventually(Duration.ofMillis(900), () -> running.get() == 8);
            assertThat(ThreadDumps.threadsIn("Dispatcher.runBlocking")).isGreaterThanOrEqualTo(8);
            List<Timed> answers = new ArrayList<>();
            for (CompletableFuture<Timed> call : calls) {
                Timed t = call.get(10, TimeUnit.SECONDS);
                answers.add(t);
                assertThat(t.status()).as(t.toString()).isIn(503, 504);
                assertThat(t.body()).doesNotContain("SELECT");
                assertThat(t.took()).as(t.toString()).isLessThan(HANDLER_TIMEOUT.plusMillis(1500));
            }
            System.out.println("blackhole answers: " + answers.stream().map(a -> a.status() + " in "
                    + a.took().toMillis() + " ms").toList());
            // Every handler has returned (its queries failed at the deadline): none is left parked.
            eventually(Duration.ofSeconds(2), () -> running.get() == 0);
            eventually(Duration.ofSeconds(2), () -> ThreadDumps.threadsIn("Dispatcher.runBlocking") == 0);
            // Still blackholed: a new request is answered at its deadline too (the pool is connecting).
            Timed again = timedGet("/one");
            assertThat(again.status()).isIn(503, 504);
            assertThat(again.took()).isLessThan(HANDLER_TIMEOUT.plusMillis(1500));
        } finally {
            proxy.restore();
        }
        long restored = System.nanoTime();
        eventually(Duration.ofSeconds(15), () -> client.get("/one").status() == 200);
        System.out.println("first 200 after the path returned: " + (System.nanoTime() - restored) / 1_000_000 + " ms; "
                + pool.stats());
        for (int i = 0; i < 20; i++) {
            assertThat(client.get("/one").status()).isEqualTo(200);
        }
        eventually(Duration.ofSeconds(5), () -> pool.stats().inUse() == 0);
    }

    @Test
    void queriesGetOnlyTheTimeTheRequestHasLeft() throws Exception {
        Timed t = timedGet("/two-sleeps");
        assertThat(t.status()).isEqualTo(504);
        assertThat(t.body()).contains("Gateway Timeout");
        assertThat(t.took()).isLessThan(HANDLER_TIMEOUT.plusMillis(1000)); // not 1.2 s of sleeps plus overhead
        // The second sleep was cancelled on the server, not left to run out.
        try (Pg pg = pool.get()) {
            eventually(Duration.ofSeconds(2), () -> pg.exec("SELECT count(*) FROM pg_stat_activity"
                    + " WHERE application_name = 'request_deadline_test' AND query LIKE 'SELECT pg_sleep%'"
                    + " AND state = 'active'").scalar(Long.class) == 0);
        }
    }

    @Test
    void aHandlerThatOverrunsItsDeadlineIs504AndItsLateResultIsDiscarded() throws Exception {
        Timed t = timedGet("/sleepy");
        assertThat(t.status()).isEqualTo(504);
        assertThat(t.body()).isEqualTo("{\"detail\":\"Gateway Timeout: the request was not answered in time\"}");
        assertThat(t.took()).isBetween(HANDLER_TIMEOUT.minusMillis(50), HANDLER_TIMEOUT.plusMillis(1000));
        assertThat(sleepyDone.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(sleepyReturned).isTrue(); // it ran to its end; its answer went nowhere
        assertThat(client.get("/deadline").status()).isEqualTo(200);
    }

    @Test
    void aFutureThatNeverCompletesIsAnsweredAtTheDeadline() {
        Timed t = timedGet("/never");
        assertThat(t.status()).isEqualTo(504);
        assertThat(t.took()).isBetween(HANDLER_TIMEOUT.minusMillis(50), HANDLER_TIMEOUT.plusMillis(1000));
    }

    @Test
    void theDefaultIs30SecondsZeroMeansNoneAndStreamedBodyRoutesHaveNone() {
        assertThat(ServerOptions.defaults().handlerTimeout()).isEqualTo(Duration.ofSeconds(30));
        App app = App.create();
        app.get("/has", request -> Map.of("has", request.deadline().isPresent()));
        app.postStreaming("/upload", request -> Map.of("has", request.deadline().isPresent()));
        try (TestClient plain = TestClient.of(app)) {
            assertThat(plain.get("/has").text()).isEqualTo("{\"has\":true}");
            assertThat(plain.post("/upload", "x").text()).isEqualTo("{\"has\":false}");
        }
        App none = App.create();
        none.get("/has", request -> Map.of("has", request.deadline().isPresent()));
        try (TestClient plain = TestClient.of(none, ServerOptions.builder().handlerTimeout(Duration.ZERO))) {
            assertThat(plain.get("/has").text()).isEqualTo("{\"has\":false}");
        }
    }

    @Test
    void theRequestSeesItsDeadline() {
        TestResponse r = client.get("/deadline");
        assertThat(r.status()).isEqualTo(200);
        long left = ((Number) r.json(Map.class).get("leftMillis")).longValue();
        assertThat(left).isBetween(1L, HANDLER_TIMEOUT.toMillis());
    }
}
