package io.fasterapi.web;

import static io.fasterapi.web.WireReads.readUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Wire-level behaviour over raw sockets: pipelining, limits, timeouts, 100-continue, chunked, gzip. */
class ServerLimitsTest {
    static TestClient client;

    @BeforeAll
    static void start() {
        App app = App.create();
        app.get("/slow", req -> {
            Thread.sleep(100);
            return Response.text("slow");
        });
        app.get("/fast", req -> Response.text("fast"));
        app.post("/echo", req -> Response.text(req.bodyAsString()));
        app.get("/big", req -> Map.of("data", "x".repeat(5000)));
        client = TestClient.of(app, ServerOptions.builder()
                .maxHeaderSize(1024)
                .maxInitialLineLength(512)
                .maxBodySize(1000)
                .requestTimeout(Duration.ofMillis(300))
                .idleTimeout(Duration.ofMillis(500)));
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    Socket connect() throws IOException {
        return WireReads.connect(client.port());
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws IOException {
        try (Socket s = connect()) {
            String req = "GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /fast HTTP/1.1\r\nHost: x\r\n\r\n";
            s.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
            String all = readUntil(s.getInputStream(), "HTTP/1.1 200", 3);
            all = readUntil(new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(all.getBytes(
                    StandardCharsets.ISO_8859_1)), s.getInputStream()), "fast", 2);
            int slow = all.indexOf("slow");
            int fast = all.indexOf("fast");
            assertThat(slow).isPositive();
            assertThat(fast).isGreaterThan(slow);
        }
    }

    @Test
    void tooLargeHeadersAre431() throws IOException {
        try (Socket s = connect()) {
            String req = "GET /fast HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(2000) + "\r\n\r\n";
            s.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
            String response = readUntil(s.getInputStream(), null, 0);
            assertThat(response).startsWith("HTTP/1.1 431");
        }
    }

    @Test
    void tooLongRequestLineIs414() throws IOException {
        try (Socket s = connect()) {
            String req = "GET /fast?q=" + "a".repeat(1000) + " HTTP/1.1\r\nHost: x\r\n\r\n";
            s.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
            assertThat(readUntil(s.getInputStream(), null, 0)).startsWith("HTTP/1.1 414");
        }
    }

    @Test
    void tooLargeBodyIs413() {
        TestResponse r = client.postRaw("/echo", "text/plain", new byte[2000]);
        assertThat(r.status()).isEqualTo(413);
    }

    @Test
    void chunkedRequestBodyIsAggregated() throws IOException {
        try (Socket s = connect()) {
            String req = "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
            s.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
            assertThat(readUntil(s.getInputStream(), "hello world", 1)).startsWith("HTTP/1.1 200")
                    .endsWith("hello world");
        }
    }

    @Test
    void expectContinueGetsA100BeforeTheBody() throws IOException {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(readUntil(s.getInputStream(), "\r\n\r\n", 1)).startsWith("HTTP/1.1 100 Continue");
            out.write("hello".getBytes(StandardCharsets.US_ASCII));
            assertThat(readUntil(s.getInputStream(), "hello", 1)).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void expectContinueWithTooLargeBodyIs413() throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write(("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n"
                    + "Expect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(readUntil(s.getInputStream(), "\r\n\r\n", 1)).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void stalledRequestIsClosedAfterTheRequestTimeout() throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write("GET /fast HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void idleKeepAliveConnectionIsClosed() throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String first = readUntil(s.getInputStream(), "fast", 1);
            assertThat(first).startsWith("HTTP/1.1 200");
            try {
                assertThat(s.getInputStream().read()).isEqualTo(-1);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("idle connection was not closed", e);
            }
        }
    }

    @Test
    void connectionCloseIsHonoured() throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write("GET /fast HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String all = readUntil(s.getInputStream(), null, 0);
            assertThat(all).contains("connection: close").endsWith("fast");
        }
    }

    @Test
    void largeBodiesAreGzippedWhenAccepted() throws IOException {
        TestResponse r = client.get("/big", "Accept-Encoding", "gzip");
        assertThat(r.header("content-encoding")).isEqualTo("gzip");
        String body = new String(new GZIPInputStream(new java.io.ByteArrayInputStream(r.bytes())).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(body).startsWith("{\"data\":\"xxx");
        assertThat(client.get("/fast", "Accept-Encoding", "gzip").header("content-encoding")).isNull();
        assertThat(client.get("/big").header("content-encoding")).isNull();
    }
}
