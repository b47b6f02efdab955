package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.core.Future;
import io.fasterapi.pg.Pg;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link PgDepends#fromAsync}: a {@code Pg} for handlers that return a future, acquired without
 * blocking the loop, whose statements end with the request's deadline (the 504 cancels them).
 */
class AsyncPgDependencyTest {
    private static WebPgDb db;
    private static TestClient client;

    public static final class Routes {
        @Get("/one")
        public Future<Map<String, Integer>> one(Pg pg) {
            return pg.execAsync("SELECT 1").map(r -> Map.of("one", r.scalar(Integer.class)));
        }

        @Get("/slow")
        public Future<String> slow(Pg pg) {
            return pg.execAsync("SELECT pg_sleep(30) /* async-dependency-test */").map(r -> "done");
        }

        @Get("/blocking")
        public Map<String, Integer> blocking(Pg pg) {
            return Map.of("one", pg.exec("SELECT 1").scalar(Integer.class));
        }
    }

    @BeforeAll
    static void start() {
        db = new WebPgDb(AsyncPgDependencyTest.class, b -> b.maxSize(2));
        App app = App.create().reactor(db.pool.reactor())
                .provideAsync(Pg.class, PgDepends.fromAsync(db.pool))
                .include(new Routes());
        client = TestClient.of(app, ServerOptions.builder().handlerTimeout(Duration.ofMillis(500)));
    }

    @AfterAll
    static void stop() {
        WebPgDb.close(client, db);
    }

    @Test
    void aLoopHandlerAndABlockingOneGetAConnectionEach() {
        for (int i = 0; i < 5; i++) { // more requests than connections: each is released after its response
            assertThat(client.get("/one").json(Map.class)).isEqualTo(Map.of("one", 1));
            assertThat(client.get("/blocking").json(Map.class)).isEqualTo(Map.of("one", 1));
        }
    }

    @Test
    void theRequestsDeadlineCancelsItsStatementOnTheServer() throws Exception {
        long t0 = System.nanoTime();
        TestResponse r = client.get("/slow");

        assertThat(r.status()).isEqualTo(504);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long running;
        do {
            Thread.sleep(50);
            running = db.pool.execAsync("SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                    + " AND query LIKE '%async-dependency-test%' AND query NOT LIKE '%pg_stat_activity%'")
                    .await().scalar(Long.class);
        } while (running > 0 && System.nanoTime() < end);
        assertThat(running).as("the sleeping statement was cancelled, not left to run 30 s").isZero();
        do {
            Thread.sleep(20);
        } while (db.pool.stats().inUse() > 0 && System.nanoTime() < end);
        assertThat(db.pool.stats().inUse()).as("its connection is back in the pool").isZero();
        assertThat(client.get("/one").status()).isEqualTo(200);
    }
}
