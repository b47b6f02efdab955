package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Request bodies taken as an {@code InputStream}: they arrive while the handler reads, past
 * {@code maxBodySize}, in bounded memory; the server stops reading a slow reader's socket; a cut,
 * oversized or malformed body fails the stream; an unread rest is dropped and the connection serves on.
 */
class StreamedBodyTest {
    static final int MAX_BODY_SIZE = 1000;
    static final int STREAM_LIMIT = 100_000;
    static final long BUFFER_BOUND = 256 * 1024;
    static final StreamRoutes routes = new StreamRoutes();
    static final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    static TestClient client;
    static TestClient limited;

    /** The routes under test; the tests steer and watch them. */
    public static final class StreamRoutes {
        final Semaphore slowGate = new Semaphore(0);
        final CountDownLatch slowEntered = new CountDownLatch(1);
        final BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
        final AtomicInteger calls = new AtomicInteger();

        @Post("/digest")
        public Map<String, Object> digest(InputStream body) throws IOException {
            calls.incrementAndGet();
            CRC32 crc = new CRC32();
            long n = 0;
            byte[] buf = new byte[8192];
            try {
                for (int r; (r = body.read(buf)) >= 0; ) {
                    crc.update(buf, 0, r);
                    n += r;
                }
            } catch (IOException e) {
                failures.add(e);
                throw e;
            }
            return Map.of("bytes", n, "crc", crc.getValue());
        }

        @Post("/slow")
        public Map<String, Object> slow(InputStream body) throws Exception {
            slowEntered.countDown();
            slowGate.acquire();
            return digest(body);
        }

        @Post("/prefix/{n}")
        @Produces("text/plain")
        public String prefix(int n, InputStream body) throws IOException {
            return new String(body.readNBytes(n), StandardCharsets.US_ASCII);
        }

        @Post("/json")
        public Map<String, Object> json(Map<String, Object> body) {
            return body;
        }

        @Get("/hello")
        @Produces("text/plain")
        public String hello() {
            return "hello";
        }

        @Get("/sleepy")
        @Produces("text/plain")
        public String sleepy() throws InterruptedException {
            Thread.sleep(300);
            return "sleepy";
        }

        @Post("/refuse")
        public String refuse(InputStream body) {
            throw new HttpException(403, "not you");
        }
    }

    /** A handler that returns a future runs on the event loop: it may not take a blocking stream. */
    public static final class AsyncStreamRoutes {
        @Post("/async")
        public io.fasterapi.core.Future<String> async(InputStream body) {
            return io.fasterapi.core.Future.ready("never");
        }
    }

    @BeforeAll
    static void start() {
        client = TestClient.of(App.create().include(routes).metrics(registry), ServerOptions.builder()
                .maxBodySize(MAX_BODY_SIZE).requestTimeout(Duration.ofSeconds(1)));
        limited = TestClient.of(App.create().include(routes), ServerOptions.builder()
                .maxBodySize(MAX_BODY_SIZE).maxStreamedBodySize(STREAM_LIMIT));
    }

    @AfterAll
    static void stop() {
        client.close();
        limited.close();
    }

    private static byte[] randomBytes(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String digestOf(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b);
        return "{\"bytes\":" + b.length + ",\"crc\":" + crc.getValue() + "}";
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String sortedJson(String json) {
        return new java.util.TreeMap<>(io.fasterapi.web.internal.json.JsonCodec.mapper().readValue(json, Map.class))
                .toString();
    }

    private static byte[] chunked(byte[] body, long seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Random random = new Random(seed);
        for (int off = 0; off < body.length; ) {
            int n = Math.min(body.length - off, 1 + random.nextInt(100_000));
            out.writeBytes(ascii(Integer.toHexString(n) + "\r\n"));
            out.write(body, off, n);
            out.writeBytes(ascii("\r\n"));
            off += n;
        }
        out.writeBytes(ascii("0\r\n\r\n"));
        return out.toByteArray();
    }

    @Test
    void contentLengthBodyFarPastMaxBodySizeArrivesWhole() throws IOException {
        byte[] body = randomBytes(1, 3 * 1024 * 1024 + 17);
        try (RawHttp http = new RawHttp(client.port(), 10_000)) {
            http.send(ascii("POST /digest HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n"));
            http.send(body);
            RawHttp.Reply r = http.read();
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(sortedJson(r.text())).isEqualTo(sortedJson(digestOf(body)));
        }
    }

    @Test
    void chunkedBodyArrivesWholeAndTheConnectionServesOn() throws IOException {
        long seed = System.nanoTime();
        System.out.println("chunkedBodyArrivesWholeAndTheConnectionServesOn seed " + seed);
        byte[] body = randomBytes(seed, 2 * 1024 * 1024 + 5);
        try (RawHttp http = new RawHttp(client.port(), 10_000)) {
            http.send(ascii("POST /digest HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"));
            http.send(chunked(body, seed));
            RawHttp.Reply r = http.read();
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(sortedJson(r.text())).isEqualTo(sortedJson(digestOf(body)));
            assertThat(r.closes()).isFalse();
            assertThat(http.exchange("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n").text()).isEqualTo("hello");
        }
    }

    @Test
    void anEmptyBodyIsAnEmptyStream() throws IOException {
        try (RawHttp http = new RawHttp(client.port(), 5_000)) {
            RawHttp.Reply r = http.exchange("POST /digest HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
            assertThat(sortedJson(r.text())).isEqualTo(sortedJson(digestOf(new byte[0])));
        }
    }

    /**
     * The handler reads nothing for a while: the sender stalls (the server stopped reading its socket
     * after a bounded amount), the request timeout does not cut the paused upload, and once the
     * handler reads, the whole body arrives; the server never held more than the bound.
     */
    @Test
    void aSlowReaderStallsTheSenderAndTheServerHoldsABoundedAmount() throws Exception {
        int size = 48 * 1024 * 1024;
        byte[] body = randomBytes(7, size);
        AtomicLong written = new AtomicLong();
        try (RawHttp http = new RawHttp(client.port(), 30_000)) {
            http.send(ascii("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: " + size + "\r\n\r\n"));
            Thread writer = http.sendInBackground(body, written);
            assertThat(routes.slowEntered.await(10, TimeUnit.SECONDS)).isTrue();
            long stalledAt = RawHttp.awaitStall(written);
            assertThat(stalledAt).as("the sender stalled before the end of the body").isBetween(1L, (long) size - 1);
            Thread.sleep(1500); // longer than the request timeout: a paused upload is not cut
            // Without the pause the server would have read all 48 MiB by now (loopback: well under a second).
            assertThat(written.get()).as("the server stopped reading while the handler reads nothing")
                    .isLessThan(size);
            routes.slowGate.release();
            RawHttp.Reply r = http.read();
            writer.join(10_000);
            assertThat(written.get()).isEqualTo(size);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(sortedJson(r.text())).isEqualTo(sortedJson(digestOf(body)));
        }
        DistributionSummary peaks = registry.get("http.server.requests.body.buffered").summary();
        assertThat(peaks.max()).as("most bytes of one streamed body held at once").isPositive()
                .isLessThanOrEqualTo(BUFFER_BOUND);
    }

    @Test
    void aClientThatDisconnectsMidBodyFailsTheStreamWithAnIOException() throws Exception {
        routes.failures.clear();
        RawHttp.disconnectMidBody(client.port(),
                "POST /digest HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n",
                randomBytes(3, 200_000));
        Throwable failure = routes.failures.poll(5, TimeUnit.SECONDS);
        assertThat(failure).isInstanceOf(IOException.class).hasMessageContaining("closed the connection");
    }

    @Test
    void aClientThatFallsSilentMidBodyIsCutAfterTheRequestTimeout() throws Exception {
        routes.failures.clear();
        try (Socket s = WireReads.connect(client.port())) {
            OutputStream out = s.getOutputStream();
            out.write(ascii("POST /digest HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n"));
            out.write(randomBytes(4, 500));
            out.flush();
            long start = System.nanoTime();
            assertThat(s.getInputStream().read()).as("closed by the server").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        }
        assertThat(routes.failures.poll(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
    }

    @Test
    void anUnreadRestIsDroppedAndPipelinedRequestsAreServed() throws Exception {
        byte[] body = randomBytes(5, 2 * 1024 * 1024);
        System.arraycopy(ascii("HELLO"), 0, body, 0, 5);
        try (RawHttp http = new RawHttp(client.port(), 10_000)) {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            wire.writeBytes(ascii("POST /prefix/5 HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n"));
            wire.writeBytes(body);
            wire.writeBytes(ascii("POST /prefix/3 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"));
            wire.writeBytes(chunked(body, 9));
            wire.writeBytes(ascii("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
            Thread sender = http.sendInBackground(wire.toByteArray());
            RawHttp.Reply first = http.read();
            assertThat(first.text()).isEqualTo("HELLO");
            assertThat(first.closes()).isFalse();
            assertThat(http.read().text()).isEqualTo("HEL");
            assertThat(http.read().text()).isEqualTo("hello");
            sender.join(10_000);
            assertThat(http.exchange("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n").text()).isEqualTo("hello");
        }
    }

    @Test
    void aStreamedRequestPipelinedBehindASlowOneIsAnsweredInOrder() throws IOException {
        byte[] body = randomBytes(10, 500_000);
        try (RawHttp http = new RawHttp(client.port(), 10_000)) {
            http.send(ascii("GET /sleepy HTTP/1.1\r\nHost: x\r\n\r\nPOST /digest HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n"));
            http.send(body);
            assertThat(http.read().text()).isEqualTo("sleepy");
            assertThat(sortedJson(http.read().text())).isEqualTo(sortedJson(digestOf(body)));
        }
    }

    @Test
    void aHandlerThatRefusesWithoutReadingIsAnsweredAndTheConnectionServesOn() throws IOException {
        byte[] body = randomBytes(11, 1_000_000);
        try (RawHttp http = new RawHttp(client.port(), 10_000)) {
            http.send(ascii("POST /refuse HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n"));
            RawHttp.Reply r = http.read(); // answered before the body was sent
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.text()).isEqualTo("{\"detail\":\"not you\"}");
            assertThat(r.closes()).isFalse();
            http.send(body);
            assertThat(http.exchange("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n").text()).isEqualTo("hello");
        }
    }

    @Test
    void expectContinueIsAnsweredBeforeTheBodyIsSent() throws IOException {
        byte[] body = randomBytes(6, 300_000);
        try (RawHttp http = new RawHttp(client.port(), 5_000)) {
            http.send(ascii("POST /digest HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: "
                    + body.length + "\r\n\r\n"));
            assertThat(http.read().status()).isEqualTo(100);
            http.send(body);
            RawHttp.Reply r = http.read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(sortedJson(r.text())).isEqualTo(sortedJson(digestOf(body)));
        }
    }

    @Test
    void routesWithoutAStreamKeepMaxBodySize() throws IOException {
        String json = "{\"a\":\"" + "x".repeat(2 * MAX_BODY_SIZE) + "\"}";
        try (RawHttp http = new RawHttp(client.port(), 5_000)) {
            RawHttp.Reply r = http.exchange("POST /json HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + json.length() + "\r\n\r\n" + json);
            assertThat(r.status()).isEqualTo(413);
        }
        assertThat(client.post("/json", Map.of("a", "b")).json(Map.class)).isEqualTo(Map.of("a", "b"));
    }

    @Test
    void anAnnouncedLengthPastMaxStreamedBodySizeIs413BeforeTheHandlerRuns() throws IOException {
        int before = routes.calls.get();
        try (RawHttp http = new RawHttp(limited.port(), 5_000)) {
            RawHttp.Reply r = http.exchange("POST /digest HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                    + "Content-Length: " + (STREAM_LIMIT + 1) + "\r\n\r\n");
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.closes()).isTrue();
            assertThat(http.closedByPeer()).isTrue();
        }
        assertThat(routes.calls.get()).isEqualTo(before);
    }

    @Test
    void aChunkedBodyGrowingPastMaxStreamedBodySizeFailsTheStreamAndIs413() throws Exception {
        routes.failures.clear();
        byte[] body = randomBytes(8, 3 * STREAM_LIMIT);
        try (RawHttp http = new RawHttp(limited.port(), 5_000)) {
            http.send(ascii("POST /digest HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"));
            try {
                http.send(chunked(body, 8));
            } catch (IOException closedMeanwhile) {
                // the server may close before it read everything: the answer is still there to read
            }
            RawHttp.Reply r = http.read();
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.text()).isEqualTo("{\"detail\":\"Request body too large\"}");
            assertThat(r.closes()).isTrue();
        }
        assertThat(routes.failures.poll(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class)
                .hasMessageContaining("maxStreamedBodySize");
    }

    @Test
    void aMalformedChunkFailsTheStreamAndIs400() throws Exception {
        routes.failures.clear();
        try (RawHttp http = new RawHttp(client.port(), 5_000)) {
            RawHttp.Reply r = http.exchange("POST /digest HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\nzz\r\n");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.closes()).isTrue();
        }
        assertThat(routes.failures.poll(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class)
                .hasMessageContaining("malformed");
    }

    @Test
    void aFutureReturningHandlerCannotTakeAStream() {
        assertThatThrownBy(() -> App.create().include(new AsyncStreamRoutes()).start(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("POST /async").hasMessageContaining("InputStream");
    }

    @Test
    void theOpenApiDocumentShowsABinaryRequestBodyAndIsValid() {
        String text = client.get("/openapi.json").text();
        assertThat(text).contains("\"requestBody\":{\"content\":{\"application/octet-stream\":{\"schema\":"
                + "{\"type\":\"string\",\"format\":\"binary\"}}},\"required\":true}");
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
        assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
        assertThat(result.getOpenAPI().getPaths().get("/digest").getPost().getRequestBody().getContent())
                .containsKey("application/octet-stream");
    }
}
