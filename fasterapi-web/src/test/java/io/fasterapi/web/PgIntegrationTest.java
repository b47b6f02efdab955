package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.core.Future;
import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import io.fasterapi.pg.QueryResult;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link PgDepends} against a real PostgreSQL: request-scoped connections and the default error mapping. */
class PgIntegrationTest {
    static WebPgDb db;
    static TestClient client;

    public record Item(int id, String name) {
    }

    public static class Routes {
        @Post("/items") @Status(201)
        public Item create(@Body Item item, Pg pg) {
            try (QueryResult r = pg.exec("INSERT INTO items(id, name) VALUES ($1, $2)", item.id(), item.name())) {
                return item;
            }
        }

        @Get("/items/{id}")
        public Item get(int id, Pg pg) {
            return pg.exec("SELECT id, name FROM items WHERE id = $1", id).one(Item.class);
        }

        @Post("/children/{parent}")
        public void child(int parent, Pg pg) {
            pg.exec("INSERT INTO children(parent) VALUES ($1)", parent).close();
        }

        @Post("/nameless")
        public void nameless(Pg pg) {
            pg.exec("INSERT INTO items(id, name) VALUES (99, NULL)").close();
        }

        @Get("/sqlstate/{code}")
        public void raise(String code, Pg pg) {
            pg.exec("DO $$ BEGIN RAISE EXCEPTION 'secret message' USING ERRCODE = '" + code + "'; END $$").close();
        }

        @Get("/slow")
        public void slow(Pg pg) {
            pg.withDeadline(Duration.ofMillis(100)).exec("SELECT pg_sleep(5)").close();
        }

        @Get("/hog")
        public void hog(Pg pg, PgPool pool) {
            pg.processId(); // the request's Pg takes a connection of its own once it needs its session
            try (Pg second = pool.get(); Pg third = pool.get()) {
                throw new AssertionError("the pool should have been exhausted: " + second + third);
            }
        }

        @Get("/boom")
        public void boom(Pg pg) {
            pg.exec("SELECT 1").close();
            throw new IllegalArgumentException("handler bug");
        }
    }

    /** A handler on the event loop taking a Pg, which blocks: refused at startup (AsyncDependencyTest). */
    public static final class AsyncTakingPg {
        @Get("/async")
        public Future<String> async(Pg pg) {
            return Future.ready("unreachable");
        }
    }

    @BeforeAll
    static void start() {
        db = new WebPgDb(PgIntegrationTest.class, b -> b.threads(1).maxSize(2).acquireTimeout(Duration.ofSeconds(1)).minSize(2));
        db.script("CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL);"
                + "CREATE TABLE children (id serial PRIMARY KEY, parent int NOT NULL REFERENCES items(id))");
        App app = db.app()
                .provideInstance(PgPool.class, db.pool)
                .include(new Routes())
                .exceptionHandler(IllegalStateException.class, (r, e) -> Response.text(500, e.getMessage()));
        client = TestClient.of(app);
    }

    @AfterAll
    static void stop() {
        WebPgDb.close(client, db);
    }

    private static void assertNoLeak(TestResponse r) {
        assertThat(r.text()).doesNotContainIgnoringCase("insert").doesNotContainIgnoringCase("select")
                .doesNotContain("items").doesNotContain("secret").doesNotContain("duplicate").doesNotContain("pkey")
                .doesNotContain("Key (").doesNotContain("Exception").doesNotContain("at io.");
        assertThat(r.header("content-type")).isEqualTo("application/json");
    }

    private static void assertAllReleased() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (db.pool.stats().inUse() != 0 && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(db.pool.stats().inUse()).as("connections in use after the responses").isZero();
    }

    @Test
    void uniqueViolationIs409WithoutSql() throws Exception {
        assertThat(client.post("/items", new Item(1, "widget")).status()).isEqualTo(201);
        TestResponse r = client.post("/items", new Item(1, "again"));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json(Map.class)).isEqualTo(Map.of("detail", "Conflict: the resource already exists"));
        assertNoLeak(r);
        assertThat(client.get("/items/1").json(Item.class)).isEqualTo(new Item(1, "widget"));
        assertAllReleased();
    }

    @Test
    void foreignKeyViolationIs409() throws Exception {
        TestResponse r = client.post("/children/12345", Map.of());
        assertThat(r.status()).isEqualTo(409);
        assertNoLeak(r);
        assertAllReleased();
    }

    @Test
    void notNullViolationIs400() {
        TestResponse r = client.post("/nameless", Map.of());
        assertThat(r.status()).isEqualTo(400);
        assertNoLeak(r);
    }

    @Test
    void serializationFailureAndDeadlockAre503WithRetryAfter() {
        for (String code : new String[] {"40001", "40P01"}) {
            TestResponse r = client.get("/sqlstate/" + code);
            assertThat(r.status()).as(code).isEqualTo(503);
            assertThat(r.header("Retry-After")).isEqualTo("1");
            assertNoLeak(r);
        }
    }

    @Test
    void otherServerErrorsAre500WithoutTheMessage() {
        TestResponse r = client.get("/sqlstate/P0001");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.json(Map.class)).isEqualTo(Map.of("detail", "Internal Server Error"));
        assertNoLeak(r);
        assertThat(client.get("/sqlstate/22012").status()).as("division_by_zero, a data exception").isEqualTo(400);
    }

    @Test
    void deadlinePassedIs504() throws Exception {
        long start = System.nanoTime();
        TestResponse r = client.get("/slow");
        assertThat(r.status()).isEqualTo(504);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        assertNoLeak(r);
        assertAllReleased();
    }

    @Test
    void poolExhaustedIs503AndEveryConnectionIsReturned() throws Exception {
        TestResponse r = client.get("/hog");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("Retry-After")).isEqualTo("1");
        assertNoLeak(r);
        assertAllReleased();
    }

    @Test
    void connectionIsReleasedWhenTheHandlerFails() throws Exception {
        for (int i = 0; i < 5; i++) { // more than maxSize: a leaked connection would exhaust the pool
            assertThat(client.get("/boom").status()).isEqualTo(500);
        }
        assertAllReleased();
        assertThat(client.get("/sqlstate/40001").status()).isEqualTo(503);
    }

    @Test
    void asyncHandlerTakingPgIsToldToUseThePoolAtStartup() {
        App app = db.app().include(new AsyncTakingPg());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> app.start(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GET /async")
                .hasMessageContaining("pool.execAsync");
    }
}
