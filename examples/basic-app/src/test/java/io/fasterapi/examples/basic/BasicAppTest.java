package io.fasterapi.examples.basic;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.pg.PgPool;
import io.fasterapi.testing.TestPostgres;
import io.fasterapi.web.TestClient;
import io.fasterapi.web.TestResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BasicAppTest {
    static PgPool pool;
    static TestClient client;

    @BeforeAll
    static void start() {
        pool = PgPool.create(TestPostgres.dsn());
        client = TestClient.of(BasicApp.create(pool));
    }

    @AfterAll
    static void stop() {
        client.close();
        pool.close();
    }

    @Test
    void helloAnswersJson() {
        TestResponse r = client.get("/hello");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).startsWith("application/json");
        assertThat(r.json(Map.class)).isEqualTo(Map.of("message", "hello"));
    }

    @Test
    void versionComesFromPostgres() {
        TestResponse r = client.get("/db/version");
        assertThat(r.status()).isEqualTo(200);
        assertThat((String) r.json(Map.class).get("version")).startsWith("PostgreSQL ");
    }

    @Test
    void unknownRouteIs404WithFastApiBody() {
        TestResponse r = client.get("/nope");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json(Map.class)).isEqualTo(Map.of("detail", "Not Found"));
    }
}
