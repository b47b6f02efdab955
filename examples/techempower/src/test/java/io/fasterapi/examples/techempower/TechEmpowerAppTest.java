package io.fasterapi.examples.techempower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import io.fasterapi.testing.OpenApiLint;
import io.fasterapi.testing.TestPostgres;
import io.fasterapi.web.TestClient;
import io.fasterapi.web.TestResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** TechEmpower's rules, test by test, against the real server and TechEmpower's tables in a database of its own. */
class TechEmpowerAppTest {
    static ThrowawayDatabase database;
    static PgPool pool;
    static TestClient client;

    @BeforeAll
    static void start() {
        database = ThrowawayDatabase.create(TechEmpowerAppTest.class);
        pool = database.pool;
        client = TestClient.of(TechEmpowerApp.create(pool));
    }

    @AfterAll
    static void stop() {
        client.close();
        database.close();
    }

    private static void assertRequiredHeaders(TestResponse r) {
        assertThat(r.header("server")).isNotBlank();
        assertThat(r.header("date")).isNotBlank();
        assertThat(r.header("content-length")).isNotBlank();
    }

    @Test
    void plaintext() {
        TestResponse r = client.get("/plaintext");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("Hello, World!");
        assertThat(r.header("content-type")).startsWith("text/plain");
        assertRequiredHeaders(r);
    }

    @Test
    void json() {
        TestResponse r = client.get("/json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("{\"message\":\"Hello, World!\"}");
        assertThat(r.header("content-type")).isEqualTo("application/json");
        assertRequiredHeaders(r);
    }

    @Test
    void dbReturnsARandomWorldAsStoredInTheTable() {
        for (String path : List.of("/db", "/db-blocking", "/db-session", "/db-annotated")) {
            @SuppressWarnings("unchecked")
            Map<String, Integer> w = client.get(path).json(Map.class);
            assertThat(w.keySet()).containsExactlyInAnyOrder("id", "randomNumber");
            assertThat(w.get("id")).isBetween(1, 10_000);
            try (Pg pg = pool.get()) {
                int stored = pg.exec("SELECT randomnumber FROM world WHERE id=$1", w.get("id")).scalar(Integer.class);
                assertThat(w.get("randomNumber")).isEqualTo(stored);
            }
        }
    }

    @Test
    void queriesClampsTheCount() {
        for (String base : List.of("/queries", "/queries-blocking", "/queries-pipelined", "/queries-annotated")) {
            assertThat(client.get(base + "?queries=20").json(List.class)).hasSize(20);
            assertThat(client.get(base + "?queries=0").json(List.class)).hasSize(1);
            assertThat(client.get(base + "?queries=foo").json(List.class)).hasSize(1);
            assertThat(client.get(base).json(List.class)).hasSize(1);
            assertThat(client.get(base + "?queries=501").json(List.class)).hasSize(500);
        }
    }

    @Test
    void fortunesAreEscapedSortedAndIncludeTheAddedOne() {
        for (String path : List.of("/fortunes", "/fortunes-blocking", "/fortunes-annotated")) {
            fortunesAreEscapedSortedAndIncludeTheAddedOne(path);
        }
    }

    private void fortunesAreEscapedSortedAndIncludeTheAddedOne(String path) {
        TestResponse r = client.get(path);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).isEqualToIgnoringCase("text/html; charset=utf-8");
        String html = r.text();
        assertThat(html).startsWith("<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table>")
                .contains("<tr><td>0</td><td>Additional fortune added at request time.</td></tr>")
                .contains("&lt;script&gt;alert(&quot;This should not be displayed in a browser alert box.&quot;);&lt;/script&gt;")
                .contains("フレームワークのベンチマーク")
                .doesNotContain("<script>");
        assertThat(html.split("<tr>")).hasSize(1 + 1 + 13);
        assertThat(html.indexOf("A bad random number")).isLessThan(html.indexOf("A computer program"));
        assertThat(html.indexOf("Additional fortune")).isLessThan(html.indexOf("After enough"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void updatesPersistEachNewNumber() {
        List<Map<String, Integer>> worlds = client.get("/updates?queries=20").json(List.class);
        assertThat(worlds).hasSize(20);
        try (Pg pg = pool.get()) {
            for (Map<String, Integer> w : worlds) {
                int stored = pg.exec("SELECT randomnumber FROM world WHERE id=$1", w.get("id")).scalar(Integer.class);
                assertThat(stored).as("world %s", w.get("id")).isEqualTo(w.get("randomNumber"));
            }
        }
        assertThat(client.get("/updates?queries=foo").json(List.class)).hasSize(1);
        assertThat(client.get("/updates?queries=600").json(List.class)).hasSize(500);
    }

    @Test
    @SuppressWarnings("unchecked")
    void concurrentUpdatesOfTheSameRowsNeitherDeadlockNorFail() throws Exception {
        // 8 requests at once, each updating 500 of the 10,000 rows: they overlap, and bulk updates
        // that locked rows in different orders would deadlock (40P01) and answer 500.
        try (var executor = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                statuses.add(executor.submit(() -> client.get("/updates?queries=500").status()));
            }
            for (var status : statuses) {
                assertThat(status.get()).isEqualTo(200);
            }
        }
    }

    @Test
    void refusesToStartOnADatabaseWithoutTechEmpowersTables() {
        TechEmpowerApp.requireTables(pool);
        String name = TestPostgres.uniqueSchema(TechEmpowerAppTest.class);
        try {
            try (PgPool admin = PgPool.builder(ThrowawayDatabase.dsn("postgres")).maxSize(1).build(); Pg pg = admin.get()) {
                pg.exec("CREATE DATABASE " + name).close();
            }
            try (PgPool empty = PgPool.create(ThrowawayDatabase.dsn(name))) {
                assertThatThrownBy(() -> TechEmpowerApp.requireTables(empty)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("\"world\" does not exist").hasMessageContaining("FASTERAPI_PG_URL")
                        .hasMessageContaining("HelloWorldDatabase");
            }
        } finally {
            ThrowawayDatabase.drop(name);
        }
    }

    @Test
    void openApiDocumentsEveryTestWithItsMediaTypeAndModelAndIsValid() {
        String text = client.get("/openapi.json").text();
        JsonNode doc = JsonMapper.builder().build().readTree(text);
        JsonNode paths = doc.path("paths");
        assertThat(paths.propertyNames()).as("in the order the app registers them").containsExactly("/plaintext",
                "/json", "/db", "/queries", "/fortunes", "/updates", "/db-blocking", "/queries-blocking",
                "/queries-pipelined", "/fortunes-blocking", "/db-session", "/db-annotated", "/queries-annotated", "/fortunes-annotated");
        assertThat(paths.at("/~1plaintext/get/responses/200/content").toString())
                .isEqualTo("{\"text/plain\":{\"schema\":{\"type\":\"string\"}}}");
        assertThat(paths.at("/~1fortunes/get/responses/200/content").toString())
                .isEqualTo("{\"text/html\":{\"schema\":{\"type\":\"string\"}}}");
        assertThat(paths.at("/~1json/get/responses/200/content/application~1json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/Message");
        assertThat(paths.at("/~1db/get/responses/200/content/application~1json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/World");
        assertThat(paths.at("/~1queries/get/responses/200/content/application~1json/schema/items/$ref").asString())
                .isEqualTo("#/components/schemas/World");
        assertThat(paths.at("/~1db/get/summary").asString()).isEqualTo("Single database query test");
        OpenApiLint.assertValid(text, Path.of("target/openapi/techempower.json"));
    }
}
