package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.pg.Pg;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link PgResponses#copyOut} streaming a real COPY OUT as a download. */
class PgResponsesTest {
    static WebPgDb db;
    static TestClient client;

    public static class Routes {
        @Get("/items.csv")
        public Response items(Pg pg) {
            return PgResponses.copyOut(pg, "COPY (SELECT id, name FROM items ORDER BY id) TO STDOUT CSV HEADER", "items.csv");
        }

        @Get("/numbers.csv")
        public Response numbers(Pg pg) {
            return PgResponses.copyOut(pg, "COPY (SELECT g, md5(g::text) FROM generate_series(1, 100000) g) TO STDOUT CSV",
                    "Zahlen übersicht.csv");
        }
    }

    @BeforeAll
    static void start() {
        db = new WebPgDb(PgResponsesTest.class, b -> b.threads(1).maxSize(2).acquireTimeout(Duration.ofSeconds(2)));
        db.script("CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL);"
                + "INSERT INTO items VALUES (1, 'widget'), (2, 'gadget, \"deluxe\"'), (3, 'Grüße')");
        client = TestClient.of(db.app().include(new Routes()));
    }

    @AfterAll
    static void stop() {
        WebPgDb.close(client, db);
    }

    @Test
    void streamsCopyOutAsACsvDownload() {
        TestResponse r = client.get("/items.csv");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).isEqualTo("text/csv; charset=utf-8");
        assertThat(r.header("content-disposition")).isEqualTo("attachment; filename=\"items.csv\"; filename*=UTF-8''items.csv");
        assertThat(r.header("transfer-encoding")).isEqualTo("chunked");
        assertThat(r.text()).isEqualTo("id,name\n1,widget\n2,\"gadget, \"\"deluxe\"\"\"\n3,Grüße\n");
    }

    @Test
    void streamsLargeExportsAndReleasesTheConnection() throws Exception {
        TestResponse r = client.get("/numbers.csv");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-disposition"))
                .isEqualTo("attachment; filename=\"Zahlen _bersicht.csv\"; filename*=UTF-8''Zahlen%20%C3%BCbersicht.csv");
        String[] lines = r.text().split("\n");
        assertThat(lines).hasSize(100_000);
        assertThat(lines[99_999]).startsWith("100000,");
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (db.pool.stats().inUse() != 0 && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(db.pool.stats().inUse()).isZero();
    }
}
