package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Malformed and hostile requests over raw sockets (issue 7, "Bad HTTP input"): each gets the right
 * 4xx, and the server keeps serving: the same connection when the request could be framed, a new
 * one when it could not (the connection is closed then, never left in an unknown state).
 * docs/reliability.md lists every case with its test.
 */
class BadHttpInputTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static TestClient client;

    public record Payload(int n, long l, String s) {
    }

    public static class Routes {
        @Get("/ok") @Produces("text/plain") public String ok() { return "ok"; }
        @Get("/ints/{n}") @Produces("text/plain") public String pathInt(int n) { return String.valueOf(n); }
        @Get("/longs/{n}") @Produces("text/plain") public String pathLong(long n) { return String.valueOf(n); }
        @Get("/names/{name}") @Produces("text/plain") public String pathString(String name) { return name; }
        @Get("/qi") @Produces("text/plain") public String queryInt(int n) { return String.valueOf(n); }
        @Get("/ql") @Produces("text/plain") public String queryLong(long n) { return String.valueOf(n); }
        @Get("/qs") @Produces("text/plain") public String queryString(String s) { return s; }
        @Get("/hs") @Produces("text/plain") public String headerString(@Header String s) { return s; }
        @Get("/cs") @Produces("text/plain") public String cookieString(@Cookie String s) { return s; }
        @Post("/fs") @Produces("text/plain") public String formString(@Form String s) { return s; }
        @Post("/json") public Payload json(@Body Payload p) { return p; }
        @Post("/tree") @Produces("text/plain") public String tree(@Body Map<String, Object> m) { return "keys " + m.size(); }
        @Post("/strings") @Produces("text/plain") public String strings(@Body List<String> l) { return "n " + l.size(); }
    }

    @BeforeAll
    static void start() {
        client = TestClient.of(App.create().include(new Routes()), ServerOptions.builder()
                .maxInitialLineLength(1024)
                .maxHeaderSize(2048)
                .maxJsonNestingDepth(64));
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    static RawHttp connect() throws IOException {
        return new RawHttp(client.port(), 5000);
    }

    static String get(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n";
    }

    static String post(String target, String contentType, byte[] body) {
        return "POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + body.length + "\r\n\r\n" + new String(body, StandardCharsets.ISO_8859_1);
    }

    static String postJson(String target, String json) {
        return post(target, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** The connection the bad request came on still answers correctly. */
    static void sameConnectionStillServes(RawHttp c) throws IOException {
        RawHttp.Reply r = c.exchange(get("/ok"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("ok");
    }

    /** The bad request's connection was closed after its answer, and a new one is served. */
    static void closedThenNewConnectionServes(RawHttp c) throws IOException {
        assertThat(c.closedByPeer()).as("connection closed after the rejection").isTrue();
        try (RawHttp fresh = connect()) {
            sameConnectionStillServes(fresh);
        }
    }

    static JsonNode firstError(RawHttp.Reply r) {
        assertThat(r.head()).contains("content-type: application/json");
        JsonNode detail = JSON.readTree(r.body()).get("detail");
        assertThat(detail.isArray()).as(r.text()).isTrue();
        return detail.get(0);
    }

    /** Sends a request that cannot be framed: 400, connection closed, server still serving. */
    static void rejectedWith(int status, String request) throws IOException {
        try (RawHttp c = connect()) {
            RawHttp.Reply r = c.exchange(request);
            assertThat(r.status()).as(request).isEqualTo(status);
            assertThat(r.closes()).isTrue();
            closedThenNewConnectionServes(c);
        }
    }

    // --- request line -----------------------------------------------------------------------

    @Test
    void garbageRequestLineIs400() throws IOException {
        rejectedWith(400, "\u0001\u0002garbage\u00ff\r\n\r\n");
    }

    @Test
    void requestLineWithoutVersionIs400() throws IOException {
        rejectedWith(400, "GET /ok\r\nHost: x\r\n\r\n");
    }

    @Test
    void unknownVersionIs400() throws IOException {
        rejectedWith(400, "GET /ok HTTP/9.Z\r\nHost: x\r\n\r\n");
    }

    @Test
    void methodWithNonTokenCharactersIs400() throws IOException {
        rejectedWith(400, "G(E)T /ok HTTP/1.1\r\nHost: x\r\n\r\n");
        rejectedWith(400, "GE\u0000T /ok HTTP/1.1\r\nHost: x\r\n\r\n");
    }

    @Test
    void rawNonAsciiBytesInTheTargetAre400() throws IOException {
        rejectedWith(400, "GET /names/caf\u00e9\u00ff HTTP/1.1\r\nHost: x\r\n\r\n");
    }

    @Test
    void uriPastTheInitialLineLimitIs414() throws IOException {
        rejectedWith(414, get("/qs?s=" + "a".repeat(2000)));
    }

    @Test
    void headersPastTheLimitAre431() throws IOException {
        rejectedWith(431, "GET /ok HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(3000) + "\r\n\r\n");
        StringBuilder many = new StringBuilder("GET /ok HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 300; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        rejectedWith(431, many.append("\r\n").toString());
    }

    // --- smuggling (RFC 9112 §6.1, §6.3, §5.1, §5.2) --------------------------------------------

    @Test
    void duplicateContentLengthWithDifferentValuesIs400() throws IOException {
        rejectedWith(400, "POST /fs HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 3\r\nContent-Length: 10\r\n\r\ns=a");
        rejectedWith(400, "POST /fs HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 3, 10\r\n\r\ns=a");
    }

    @Test
    void contentLengthWithTransferEncodingIs400AndCloses() throws IOException {
        rejectedWith(400, "POST /fs HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\ns=a\r\n0\r\n\r\n");
        rejectedWith(400, "POST /fs HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n3\r\ns=a\r\n0\r\n\r\n");
    }

    @Test
    void transferEncodingOtherThanChunkedLastIs400() throws IOException {
        rejectedWith(400, "POST /fs HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n");
    }

    @Test
    void obsFoldIs400() throws IOException {
        rejectedWith(400, "GET /hs HTTP/1.1\r\nHost: x\r\ns: first\r\n second\r\n\r\n");
        rejectedWith(400, "GET /hs HTTP/1.1\r\nHost: x\r\ns: first\r\n\tsecond\r\n\r\n");
    }

    @Test
    void whitespaceBeforeTheColonIs400() throws IOException {
        rejectedWith(400, "GET /hs HTTP/1.1\r\nHost: x\r\ns : v\r\n\r\n");
        rejectedWith(400, "GET /hs HTTP/1.1\r\nHost: x\r\ns\t: v\r\n\r\n");
    }

    @Test
    void headerLineWithoutColonIs400() throws IOException {
        rejectedWith(400, "GET /hs HTTP/1.1\r\nHost: x\r\nnocolon\r\n\r\n");
    }

    // --- invalid UTF-8 ----------------------------------------------------------------------

    @Test
    void percentEncodedInvalidUtf8InAPathParameterIsReplacedAsStarletteDoes() throws IOException {
        try (RawHttp c = connect()) {
            RawHttp.Reply r = c.exchange(get("/names/a%FFb%C3"));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("a\uFFFDb\uFFFD");
            RawHttp.Reply i = c.exchange(get("/ints/%FF"));
            assertThat(i.status()).isEqualTo(422);
            assertThat(firstError(i).get("type").asString()).isEqualTo("int_parsing");
            sameConnectionStillServes(c);
        }
    }

    @Test
    void jsonBodyThatIsNotUtf8Is400AsFastApiAnswersIt() throws IOException {
        // Python's json.loads(bytes) raises UnicodeDecodeError, not JSONDecodeError: FastAPI's
        // routing.py answers 400 "There was an error parsing the body" (issue 12).
        try (RawHttp c = connect()) {
            byte[] body = {'{', '"', 's', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
            RawHttp.Reply r = c.exchange(post("/tree", "application/json", body));
            assertThat(r.status()).as(r.text()).isEqualTo(400);
            assertThat(r.text()).isEqualTo("{\"detail\":\"There was an error parsing the body\"}");
            byte[] lone = {'[', '"', (byte) 0xFF, (byte) 0xFE, '"', ']'};
            RawHttp.Reply l = c.exchange(post("/strings", "application/json", lone));
            assertThat(l.status()).as(l.text()).isEqualTo(400);
            sameConnectionStillServes(c);
        }
    }

    // --- JSON depth and numbers -------------------------------------------------------------

    @Test
    void deeplyNestedJsonIs422JsonInvalidPastTheDepthLimit() throws IOException {
        try (RawHttp c = connect()) {
            String deep = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
            RawHttp.Reply r = c.exchange(postJson("/tree", deep));
            assertThat(r.status()).as(r.text()).isEqualTo(422);
            JsonNode e = firstError(r);
            assertThat(e.get("type").asString()).isEqualTo("json_invalid");
            assertThat(e.get("ctx").get("error").asString()).contains("nesting depth");
            String atLimit = "{\"a\":" + "[".repeat(63) + "]".repeat(63) + "}";
            assertThat(c.exchange(postJson("/tree", atLimit)).status()).isEqualTo(200);
            String pastLimit = "{\"a\":" + "[".repeat(64) + "]".repeat(64) + "}";
            assertThat(c.exchange(postJson("/tree", pastLimit)).status()).isEqualTo(422);
            sameConnectionStillServes(c);
        }
    }

    @Test
    void overflowingNumbersAre422BoundsInPathAndQuery() throws IOException {
        // A well-formed integer beyond the Java type is pydantic's le/ge error for the type's bounds
        // (issue 12); "1e400" is not an integer's text for pydantic: int_parsing.
        try (RawHttp c = connect()) {
            for (String target : List.of("/ints/2147483648", "/ints/-2147483649", "/longs/9223372036854775808",
                    "/qi?n=99999999999999999999999999", "/ql?n=-9223372036854775809", "/ql?n=1e400",
                    "/qi?n=" + "9".repeat(900))) {
                RawHttp.Reply r = c.exchange(get(target));
                assertThat(r.status()).as(target + " " + r.text()).isEqualTo(422);
                String expected = target.endsWith("1e400") ? "int_parsing"
                        : target.contains("=-") || target.contains("/-") ? "greater_than_equal" : "less_than_equal";
                assertThat(firstError(r).get("type").asString()).as(target).isEqualTo(expected);
            }
            sameConnectionStillServes(c);
        }
    }

    @Test
    void overflowingNumbersInABodyAre422() throws IOException {
        try (RawHttp c = connect()) {
            for (String json : List.of("{\"n\":2147483648,\"l\":1,\"s\":\"x\"}",
                    "{\"n\":1,\"l\":9223372036854775808,\"s\":\"x\"}",
                    "{\"n\":1,\"l\":" + "9".repeat(900) + ",\"s\":\"x\"}",
                    "{\"n\":1e400,\"l\":1,\"s\":\"x\"}",
                    "{\"n\":\"99999999999\",\"l\":1,\"s\":\"x\"}")) {
                RawHttp.Reply r = c.exchange(postJson("/json", json));
                assertThat(r.status()).as(json + " " + r.text()).isEqualTo(422);
                assertThat(firstError(r).get("type").asString()).as(json).isIn("less_than_equal", "finite_number");
            }
            RawHttp.Reply ok = c.exchange(postJson("/json", "{\"n\":2147483647,\"l\":-9223372036854775808,\"s\":\"x\"}"));
            assertThat(ok.status()).as(ok.text()).isEqualTo(200);
            sameConnectionStillServes(c);
        }
    }

    // --- NUL in strings (PostgreSQL rejects U+0000 in text) -------------------------------------

    @Test
    void nulInAStringIs422StringContainsNulFromEverySource() throws IOException {
        try (RawHttp c = connect()) {
            List<String> requests = List.of(get("/names/a%00b"), get("/qs?s=a%00b"),
                    post("/fs", "application/x-www-form-urlencoded", "s=a%00b".getBytes(StandardCharsets.US_ASCII)),
                    postJson("/json", "{\"n\":1,\"l\":1,\"s\":\"a\\u0000b\"}"),
                    postJson("/strings", "[\"ok\",\"a\\u0000b\"]"));
            for (String request : requests) {
                RawHttp.Reply r = c.exchange(request);
                assertThat(r.status()).as(request + " " + r.text()).isEqualTo(422);
                assertThat(firstError(r).get("type").asString()).as(request).isEqualTo("string_contains_nul");
            }
            sameConnectionStillServes(c);
        }
    }

    @Test
    void rawNulInAHeaderValueIs400() throws IOException {
        rejectedWith(400, "GET /hs HTTP/1.1\r\nHost: x\r\ns: a\u0000b\r\n\r\n");
    }
}
