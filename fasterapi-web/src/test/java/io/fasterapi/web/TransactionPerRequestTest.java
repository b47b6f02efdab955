package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import io.fasterapi.pg.Tx;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code PgDepends.transactional}: against the real server, the handler's writes are committed when
 * it returns (before the response, so the row is there when the client reads the 200), rolled back
 * when it throws, and a commit that fails answers its error, not 200.
 */
class TransactionPerRequestTest {
    static WebPgDb db;
    static TestClient client;

    public static final class Routes {
        @Post("/items/{id}")
        public Map<String, Object> create(@Path("id") int id, Tx tx) {
            tx.exec("INSERT INTO items (id) VALUES ($1)", id);
            return Map.of("id", id);
        }

        @Post("/items/{id}/then-fail")
        public String createThenFail(@Path("id") int id, Tx tx) {
            tx.exec("INSERT INTO items (id) VALUES ($1)", id);
            throw new HttpException(400, "refused after the insert");
        }

        /** The parent does not exist: the deferred foreign key fails only at COMMIT. */
        @Post("/orphans/{id}")
        public Map<String, Object> orphan(@Path("id") int id, Tx tx) {
            tx.exec("INSERT INTO children (id, parent) VALUES ($1, $2)", id, id + 1000);
            return Map.of("id", id);
        }
    }

    @BeforeAll
    static void start() {
        db = new WebPgDb(TransactionPerRequestTest.class,
                b -> b.threads(1).maxSize(2).minSize(1).acquireTimeout(Duration.ofSeconds(2)));
        db.script("CREATE TABLE items (id int PRIMARY KEY);"
                + "CREATE TABLE children (id int PRIMARY KEY,"
                + " parent int NOT NULL REFERENCES items(id) DEFERRABLE INITIALLY DEFERRED)");
        App app = App.create().reactor(db.pool.reactor())
                .provide(Tx.class, PgDepends.transactional(db.pool))
                .include(new Routes());
        app.post("/lambda/{id}", req -> {
            req.dependency(Tx.class).exec("INSERT INTO items (id) VALUES ($1)", Integer.parseInt(req.pathParam("id")));
            if (req.query("fail").isPresent()) {
                throw new IllegalStateException("boom");
            }
            return "stored";
        });
        client = TestClient.of(app);
    }

    @AfterAll
    static void stop() {
        WebPgDb.close(client, db);
    }

    @BeforeEach
    void empty() {
        db.script("DELETE FROM children; DELETE FROM items");
    }

    private static TestResponse post(String path, Object ignored) {
        return client.send("POST", path, null, null);
    }

    private static long count(String table) {
        try (Pg pg = db.pool.get()) {
            return pg.exec("SELECT count(*) FROM " + table).scalar(Long.class);
        }
    }

    @Test
    void aHandlerThatReturnsCommitsBeforeTheResponse() {
        TestResponse r = post("/items/1", null);
        assertThat(r.status()).isEqualTo(200);
        // No waiting: the commit happened before the response was written.
        assertThat(count("items")).isEqualTo(1);
        assertThat(post("/lambda/2", null).json(String.class)).isEqualTo("stored");
        assertThat(count("items")).isEqualTo(2);
    }

    @Test
    void aHandlerThatThrowsAfterItsInsertLeavesNoRow() {
        TestResponse r = post("/items/3/then-fail", null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).isEqualTo("{\"detail\":\"refused after the insert\"}");
        TestResponse lambda = post("/lambda/4?fail=1", null);
        assertThat(lambda.status()).isEqualTo(500);
        assertThat(lambda.text()).doesNotContain("boom");
        assertThat(count("items")).isZero();
    }

    @Test
    void aCommitThatFailsAnswersItsErrorNot200() {
        TestResponse r = post("/orphans/5", null);
        assertThat(r.status()).as(r.text()).isEqualTo(409);
        assertThat(r.text()).doesNotContain("children").doesNotContain("COMMIT").doesNotContainIgnoringCase("insert");
        assertThat(count("children")).isZero();
    }

    @Test
    void aHandlerThatAnswersAfterItsDeadlineIsRolledBackForTheClientSaw504() throws Exception {
        App app = App.create().reactor(db.pool.reactor()).provide(Tx.class, PgDepends.transactional(db.pool));
        app.post("/slow/{id}", req -> {
            req.dependency(Tx.class).exec("INSERT INTO items (id) VALUES ($1)", Integer.parseInt(req.pathParam("id")));
            Thread.sleep(600); // past the deadline; the insert itself was in time
            return "late";
        });
        try (TestClient slow = TestClient.of(app, ServerOptions.builder().handlerTimeout(Duration.ofMillis(200)))) {
            assertThat(slow.send("POST", "/slow/7", null, null).status()).isEqualTo(504);
            awaitAllReturned();
            assertThat(count("items")).isZero();
        }
    }

    private static void awaitAllReturned() {
        PgPool pool = db.pool;
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos(); // returned after the response is written
        while (pool.stats().inUse() > 0 && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertThat(pool.stats().inUse()).isZero();
    }

    @Test
    void everyRequestReturnsItsConnectionWhateverTheOutcome() {
        // Twelve requests of each kind through a pool of two: a connection kept by any would stall the rest.
        for (int i = 0; i < 12; i++) {
            assertThat(post("/items/" + (100 + i), null).status()).isEqualTo(200);
            assertThat(post("/items/" + (200 + i) + "/then-fail", null).status()).isEqualTo(400);
            assertThat(post("/orphans/" + (300 + i), null).status()).isEqualTo(409);
            assertThat(post("/items/" + (100 + i), null).status()).as("duplicate key").isEqualTo(409);
        }
        assertThat(count("items")).isEqualTo(12);
        awaitAllReturned();
    }
}
