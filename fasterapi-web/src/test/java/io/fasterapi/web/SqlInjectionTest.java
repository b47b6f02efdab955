package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, security: classic injection strings through every binding path (path, query, header,
 * cookie, form, JSON body) into handlers that pass them to PostgreSQL as parameters; what the
 * database stored comes back byte for byte, and the table is still there.
 */
class SqlInjectionTest {
    static final List<String> ATTACKS = List.of(
            "'; DROP TABLE stored; --",
            "1 OR 1=1",
            "\\' OR ''='",
            "' OR '1'='1' --",
            "1; SELECT pg_sleep(10)",
            "$1 $$ $tag$ ) ; --",
            "\u2019; DROP TABLE stored; --",
            "\u02bc OR \u02bc\u02bc=\u02bc",
            "\uff07 UNION SELECT current_user --",
            "Robert'); DROP TABLE stored;--",
            "%27%20OR%201=1",
            "\\x27\\\\",
            "é😀\u202e'");
    // Header and cookie values are ASCII without spaces, quotes, commas or semicolons (RFC 6265 §4.1.1).
    static final List<String> COOKIE_ATTACKS = List.of("1'OR'1'='1", "x'--", "'/**/DROP/**/TABLE/**/stored--",
            "1/**/OR/**/1=1");

    static WebPgDb db;
    static TestClient client;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record Payload(String v) {
    }

    public static class Routes {
        static String store(Pg pg, String source, String v) {
            return pg.exec("INSERT INTO stored(source, v) VALUES ($1, $2) RETURNING v", source, v).one(String.class);
        }

        @Get("/path/{v}") @Produces("text/plain") public String path(String v, Pg pg) { return store(pg, "path", v); }
        @Get("/query") @Produces("text/plain") public String query(String v, Pg pg) { return store(pg, "query", v); }
        @Get("/header") @Produces("text/plain") public String header(@Header String v, Pg pg) { return store(pg, "header", v); }
        @Get("/cookie") @Produces("text/plain") public String cookie(@Cookie String v, Pg pg) { return store(pg, "cookie", v); }
        @Post("/form") @Produces("text/plain") public String form(@Form String v, Pg pg) { return store(pg, "form", v); }
        @Post("/body") @Produces("text/plain") public String body(@Body Payload p, Pg pg) { return store(pg, "body", p.v()); }
    }

    @BeforeAll
    static void start() {
        db = new WebPgDb(SqlInjectionTest.class, b -> b.threads(1).maxSize(4));
        db.script("CREATE TABLE stored (id serial PRIMARY KEY, source text NOT NULL, v text NOT NULL)");
        client = TestClient.of(db.app()
                .provideInstance(PgPool.class, db.pool)
                .include(new Routes()));
    }

    @AfterAll
    static void stop() {
        WebPgDb.close(client, db);
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static HttpResponse<byte[]> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static void assertStoredVerbatim(String attack, HttpResponse<byte[]> r) {
        assertThat(r.statusCode()).as(attack).isEqualTo(200);
        assertThat(r.body()).as(attack).isEqualTo(attack.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void injectionStringsAreStoredVerbatimThroughEveryBindingPath() throws Exception {
        String base = client.baseUri();
        int expected = 0;
        for (String attack : ATTACKS) {
            assertStoredVerbatim(attack, send(HttpRequest.newBuilder(URI.create(base + "/path/" + encode(attack)))));
            assertStoredVerbatim(attack, send(HttpRequest.newBuilder(URI.create(base + "/query?v=" + encode(attack)))));
            assertStoredVerbatim(attack, send(HttpRequest.newBuilder(URI.create(base + "/form"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("v=" + encode(attack)))));
            assertStoredVerbatim(attack, send(HttpRequest.newBuilder(URI.create(base + "/body"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(
                            io.fasterapi.web.internal.json.JsonCodec.mapper().writeValueAsBytes(new Payload(attack))))));
            expected += 4;
        }
        for (String attack : COOKIE_ATTACKS) {
            assertStoredVerbatim(attack, send(HttpRequest.newBuilder(URI.create(base + "/header")).header("v", attack)));
            assertStoredVerbatim(attack, send(HttpRequest.newBuilder(URI.create(base + "/cookie"))
                    .header("Cookie", "v=" + attack)));
            expected += 2;
        }
        try (Pg pg = db.pool.get()) {
            assertThat(pg.exec("SELECT count(*)::int FROM stored").one(Integer.class)).isEqualTo(expected);
            for (String attack : ATTACKS) {
                assertThat(pg.exec("SELECT count(*)::int FROM stored WHERE v = $1", attack).one(Integer.class))
                        .as(attack).isEqualTo(4);
            }
            assertThat(pg.exec("SELECT count(DISTINCT source)::int FROM stored").one(Integer.class)).isEqualTo(6);
        }
    }
}
