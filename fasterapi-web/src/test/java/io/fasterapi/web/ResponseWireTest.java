package io.fasterapi.web;

import static io.fasterapi.web.WireReads.occurrences;
import static io.fasterapi.web.WireReads.readUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.core.Future;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bytes FasterAPI writes for full responses (heads it encodes itself, batched per read) and the
 * request-side shortcuts of the hot path, over raw sockets.
 */
class ResponseWireTest {
    static TestClient client;

    @BeforeAll
    static void start() {
        App app = App.create();
        app.getAsync("/plaintext", req -> Future.ready("Hello, World!"),
                RouteInfo.none().withResponseMediaType("text/plain")); // a String as text, not a JSON string
        app.getAsync("/json", req -> Future.ready(Map.of("message", "Hello, World!")));
        app.get("/large-text", req -> Response.text("y".repeat(20_000)));
        app.get("/large-json", req -> Map.of("data", "z".repeat(20_000)));
        app.post("/echo", req -> Response.text(req.bodyAsString()));
        app.get("/header", req -> Response.text("ok").header("X-Custom", req.query("v").orElse("plain")));
        app.get("/items/{id}", req -> Response.text("item " + req.pathParam("id")));
        app.get("/items/special", req -> Response.text("special"));
        client = TestClient.of(app, ServerOptions.builder()
                .requestTimeout(Duration.ofMillis(300))
                .idleTimeout(Duration.ofSeconds(30)));
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    Socket connect() throws IOException {
        return WireReads.connect(client.port());
    }

    static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n";
    }

    @Test
    void plaintextHeadCarriesDateServerRequestIdTypeAndLength() throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write(get("/plaintext").getBytes(StandardCharsets.US_ASCII));
            String r = readUntil(s.getInputStream(), "Hello, World!", 1);
            assertThat(r).startsWith("HTTP/1.1 200 OK\r\n")
                    .containsPattern("\r\ndate: \\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT\r\n")
                    .contains("\r\nserver: FasterAPI\r\n")
                    .containsPattern("\r\nx-request-id: [0-9a-f]{16}\r\n")
                    .contains("\r\ncontent-type: text/plain; charset=utf-8\r\n")
                    .contains("\r\ncontent-length: 13\r\n")
                    .endsWith("\r\n\r\nHello, World!")
                    .doesNotContain("connection:");
        }
    }

    @Test
    void sixteenPipelinedRequestsGetSixteenCompleteResponsesInOrder() throws IOException {
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            batch.append(i % 2 == 0 ? get("/plaintext") : get("/json"));
        }
        try (Socket s = connect()) {
            s.getOutputStream().write(batch.toString().getBytes(StandardCharsets.US_ASCII));
            String all = readUntil(s.getInputStream(), "Hello, World!", 16);
            assertThat(occurrences(all, "HTTP/1.1 200 OK")).isEqualTo(16);
            int from = 0;
            for (int i = 0; i < 16; i++) {
                String expected = i % 2 == 0 ? "Hello, World!" : "{\"message\":\"Hello, World!\"}";
                int at = all.indexOf(expected, from);
                assertThat(at).as("response %d", i).isGreaterThanOrEqualTo(from);
                from = at + expected.length();
            }
        }
    }

    @Test
    void largeBodiesKeepTheirPlaceAmongPipelinedResponses() throws IOException {
        String req = get("/plaintext") + get("/large-text") + get("/plaintext") + get("/large-json") + get("/items/7");
        try (Socket s = connect()) {
            s.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
            String all = readUntil(s.getInputStream(), "item 7", 1);
            int first = all.indexOf("Hello, World!");
            int text = all.indexOf("y".repeat(20_000));
            int second = all.indexOf("Hello, World!", text);
            int json = all.indexOf("{\"data\":\"" + "z".repeat(20_000) + "\"}");
            assertThat(first).isPositive();
            assertThat(text).isGreaterThan(first);
            assertThat(second).isGreaterThan(text);
            assertThat(json).isGreaterThan(second);
            assertThat(all).contains("content-length: 20000\r\n").contains("content-length: 20011\r\n");
        }
    }

    @Test
    void emptyBodiedAndBodiedRequestsMayShareOneWrite() throws IOException {
        String req = get("/plaintext") + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n" + get("/items/special");
        try (Socket s = connect()) {
            s.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
            String all = readUntil(s.getInputStream(), "special", 1);
            assertThat(occurrences(all, "HTTP/1.1 200 OK")).isEqualTo(4);
            assertThat(all.indexOf("hello")).isGreaterThan(all.indexOf("Hello, World!"));
            assertThat(all).contains("content-length: 0\r\n");
        }
    }

    @Test
    void partialRequestAfterACompleteOneInTheSameWriteIsTimedOut() throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write((get("/plaintext") + "GET /plain").getBytes(StandardCharsets.US_ASCII));
            String all = readUntil(s.getInputStream(), null, 0); // until the server closes
            assertThat(all).contains("Hello, World!");
            assertThat(occurrences(all, "HTTP/1.1")).isEqualTo(1);
        }
    }

    @Test
    void http10KeepAliveIsAnsweredWithKeepAlive() throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write("GET /plaintext HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(readUntil(s.getInputStream(), "Hello, World!", 1)).contains("\r\nconnection: keep-alive\r\n");
        }
    }

    @Test
    void connectionCloseIsAnsweredAndTheConnectionClosed() throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write("GET /json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String all = readUntil(s.getInputStream(), null, 0);
            assertThat(all).contains("\r\nconnection: close\r\n").endsWith("{\"message\":\"Hello, World!\"}");
        }
    }

    @Test
    void headResponseKeepsTheLengthWithoutTheBody() throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write(("HEAD /plaintext HTTP/1.1\r\nHost: x\r\n\r\n" + get("/items/3"))
                    .getBytes(StandardCharsets.US_ASCII));
            String all = readUntil(s.getInputStream(), "item 3", 1);
            assertThat(all).contains("content-length: 13\r\n").doesNotContain("Hello, World!");
        }
    }

    @Test
    void userHeadersAreWrittenAndAHeaderWithALineBreakIsA500() {
        assertThat(client.get("/header?v=abc").header("x-custom")).isEqualTo("abc");
        TestResponse split = client.get("/header?v=a%0d%0aSet-Cookie:%20x=1");
        assertThat(split.status()).isEqualTo(500);
        assertThat(split.header("set-cookie")).isNull();
    }

    @Test
    void gzipIsNotSentWhenTheClientRefusesIt() {
        assertThat(client.get("/large-text", "Accept-Encoding", "gzip;q=0").header("content-encoding")).isNull();
        assertThat(client.get("/large-text", "Accept-Encoding", "br, gzip").header("content-encoding"))
                .isEqualTo("gzip");
    }

    @Test
    void literalRouteWinsOverAVariableAndVariablesStillMatch() {
        assertThat(new String(client.get("/items/special").bytes(), StandardCharsets.UTF_8)).isEqualTo("special");
        assertThat(new String(client.get("/items/42").bytes(), StandardCharsets.UTF_8)).isEqualTo("item 42");
        assertThat(client.get("/items").status()).isEqualTo(404);
    }
}
