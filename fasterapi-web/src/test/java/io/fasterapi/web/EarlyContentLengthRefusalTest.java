package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@code Content-Length} past the limit is answered 413 as soon as the head arrives, without reading
 * the body, and the connection closes ({@code Connection: close}, then end of stream) — with or without
 * {@code Expect: 100-continue}, for aggregated ({@code maxBodySize}) and streamed
 * ({@code maxStreamedBodySize}) bodies. The 413 carries the usual {@code date}, {@code server} and
 * request id. Before the fix, a gigabyte announced without {@code Expect} was read and dropped whole
 * (11 s of server work) on a connection kept open.
 */
class EarlyContentLengthRefusalTest {
    private static final long ONE_GIGABYTE = 1L << 30;
    private static Server server;

    public static class StreamRoutes {
        @Post("/stream")
        public String stream(InputStream body) throws IOException {
            return String.valueOf(body.transferTo(java.io.OutputStream.nullOutputStream()));
        }
    }

    @BeforeAll
    static void start() {
        App app = App.create().include(new StreamRoutes());
        app.post("/echo", req -> Response.text(req.bodyAsString()));
        app.get("/ok", req -> Response.text("ok"));
        server = app.options(ServerOptions.builder().maxBodySize(1024).maxStreamedBodySize(1 << 20).build()).start(0);
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ofSeconds(2));
    }

    private static String head(String path, long length, String extra) {
        return "POST " + path + " HTTP/1.1\r\nHost: t\r\nX-Request-Id: big-1\r\nContent-Length: " + length + "\r\n"
                + extra + "\r\n";
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/echo", "/echo expect", "/stream", "/stream expect"})
    void aGigabyteAnnouncedIs413AtOnceWithTheUsualHeadersAndTheConnectionCloses(String target) throws IOException {
        String path = target.split(" ")[0];
        String expect = target.endsWith("expect") ? "Expect: 100-continue\r\n" : "";
        try (RawHttp conn = new RawHttp(server.port(), 5000)) {
            long start = System.nanoTime();
            conn.send(head(path, ONE_GIGABYTE, expect));
            RawHttp.Reply reply = conn.read();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(reply.status()).isEqualTo(413);
            assertThat(millis).as("answered without waiting for the body").isLessThan(1000);
            assertThat(reply.text()).isEqualTo("{\"detail\":\"Request body too large\"}");
            assertThat(reply.closes()).isTrue();
            assertThat(reply.head()).contains("\r\ndate: ", "\r\nserver: fasterapi", "\r\nx-request-id: big-1",
                    "\r\ncontent-type: application/json");
            assertThat(conn.closedByPeer()).isTrue();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                    .as("end of stream right after the answer, not after a linger").isLessThan(1000);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/echo", "/stream"})
    void aClientStillSendingTheBodyReadsThe413ThenEndOfStreamAndIsCutOffSoon(String path) throws Exception {
        try (RawHttp conn = new RawHttp(server.port(), 5000)) {
            conn.send(head(path, ONE_GIGABYTE, ""));
            AtomicLong written = new AtomicLong();
            Thread sender = conn.sendInBackground(new byte[256 << 20], written);

            RawHttp.Reply reply = conn.read();
            assertThat(reply.status()).isEqualTo(413);
            assertThat(reply.closes()).isTrue();
            assertThat(conn.closedByPeer()).as("half-closed: the client sees the end of the answer").isTrue();
            sender.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(sender.isAlive()).as("the server stops taking the body").isFalse();
            assertThat(written.get()).as("the sender was cut off").isEqualTo(-1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/echo", "/stream"})
    void requestsPipelinedBeforeItAreAnsweredInOrderAndThoseAfterItDropped(String path) throws IOException {
        try (RawHttp conn = new RawHttp(server.port(), 5000)) {
            conn.send("GET /ok HTTP/1.1\r\nHost: t\r\n\r\nPOST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nhi"
                    + head(path, ONE_GIGABYTE, "") + "GET /ok HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(conn.read().text()).isEqualTo("ok");
            assertThat(conn.read().text()).isEqualTo("hi");
            RawHttp.Reply refused = conn.read();
            assertThat(refused.status()).isEqualTo(413);
            assertThat(refused.closes()).isTrue();
            assertThat(conn.closedByPeer()).as("what was sent after it is not answered").isTrue();
        }
        try (RawHttp conn = new RawHttp(server.port(), 5000)) {
            assertThat(conn.exchange("GET /ok HTTP/1.1\r\nHost: t\r\n\r\n").text()).as("a new connection is served")
                    .isEqualTo("ok");
        }
    }
}
