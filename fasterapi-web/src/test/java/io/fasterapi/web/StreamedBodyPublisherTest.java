package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Request bodies taken as a {@code Flow.Publisher<ByteBuffer>} by handlers that run on the event
 * loop: delivered as requested, the socket paused while nothing is requested, failures signalled,
 * a cancel drops the rest and keeps the connection.
 */
class StreamedBodyPublisherTest {
    static final long BUFFER_BOUND = 256 * 1024;
    static final PublisherRoutes routes = new PublisherRoutes();
    static final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    static TestClient client;

    /** Loop handlers subscribing to their bodies. */
    public static final class PublisherRoutes {
        final BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
        final CountDownLatch heldSubscribed = new CountDownLatch(1);
        volatile Flow.Subscription held;

        @Post("/digest")
        public CompletionStage<Map<String, Object>> digest(Flow.Publisher<ByteBuffer> body) {
            return subscribeDigest(body, false);
        }

        @Post("/held")
        public CompletionStage<Map<String, Object>> heldDigest(Flow.Publisher<ByteBuffer> body) {
            return subscribeDigest(body, true);
        }

        @Post("/first")
        @Produces("text/plain")
        public CompletionStage<String> first(Flow.Publisher<ByteBuffer> body) {
            CompletableFuture<String> answer = new CompletableFuture<>();
            body.subscribe(new Flow.Subscriber<>() {
                Flow.Subscription subscription;

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription = s;
                    s.request(1);
                }

                @Override
                public void onNext(ByteBuffer item) {
                    subscription.cancel();
                    answer.complete("first " + (char) item.get(0));
                }

                @Override
                public void onError(Throwable t) {
                    answer.completeExceptionally(t);
                }

                @Override
                public void onComplete() {
                    answer.complete("empty");
                }
            });
            return answer;
        }

        @Get("/hello")
        @Produces("text/plain")
        public String hello() {
            return "hello";
        }

        private CompletionStage<Map<String, Object>> subscribeDigest(Flow.Publisher<ByteBuffer> body, boolean hold) {
            CompletableFuture<Map<String, Object>> done = new CompletableFuture<>();
            body.subscribe(new Flow.Subscriber<>() {
                final CRC32 crc = new CRC32();
                long bytes;
                Flow.Subscription subscription;

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription = s;
                    if (hold) {
                        held = s;
                        heldSubscribed.countDown();
                    } else {
                        s.request(1);
                    }
                }

                @Override
                public void onNext(ByteBuffer item) {
                    bytes += item.remaining();
                    crc.update(item);
                    if (!hold) {
                        subscription.request(1);
                    }
                }

                @Override
                public void onError(Throwable t) {
                    failures.add(t);
                    done.completeExceptionally(t);
                }

                @Override
                public void onComplete() {
                    done.complete(Map.of("bytes", bytes, "crc", crc.getValue()));
                }
            });
            return done;
        }
    }

    /** A publisher of anything but byte buffers is not a streamed body. */
    public static final class WrongPublisherRoutes {
        @Post("/strings")
        @Produces("text/plain")
        public CompletionStage<String> strings(Flow.Publisher<String> body) {
            return CompletableFuture.completedFuture("never");
        }
    }

    @BeforeAll
    static void start() {
        client = TestClient.of(App.create().include(routes).metrics(registry), ServerOptions.builder().maxBodySize(1000));
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] randomBytes(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static Map<?, ?> digestOf(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b);
        return Map.of("bytes", (long) b.length, "crc", crc.getValue());
    }

    private static Map<?, ?> json(RawHttp.Reply r) {
        Map<?, ?> m = io.fasterapi.web.internal.json.JsonCodec.mapper().readValue(r.body(), Map.class);
        return Map.of("bytes", ((Number) m.get("bytes")).longValue(), "crc", ((Number) m.get("crc")).longValue());
    }

    private static byte[] chunked(byte[] body, int chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int off = 0; off < body.length; off += chunk) {
            int n = Math.min(chunk, body.length - off);
            out.writeBytes(ascii(Integer.toHexString(n) + "\r\n"));
            out.write(body, off, n);
            out.writeBytes(ascii("\r\n"));
        }
        out.writeBytes(ascii("0\r\n\r\n"));
        return out.toByteArray();
    }

    @Test
    void aChunkedBodyIsPublishedWholeToALoopHandler() throws IOException {
        byte[] body = randomBytes(21, 2 * 1024 * 1024 + 3);
        try (RawHttp http = new RawHttp(client.port(), 10_000)) {
            http.send(ascii("POST /digest HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"));
            http.send(chunked(body, 10_007));
            RawHttp.Reply r = http.read();
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(json(r)).isEqualTo(digestOf(body));
            assertThat(http.exchange("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n").text()).isEqualTo("hello");
        }
    }

    @Test
    void nothingRequestedStallsTheSenderThenEverythingArrives() throws Exception {
        int size = 48 * 1024 * 1024;
        byte[] body = randomBytes(22, size);
        AtomicLong written = new AtomicLong();
        try (RawHttp http = new RawHttp(client.port(), 30_000)) {
            http.send(ascii("POST /held HTTP/1.1\r\nHost: x\r\nContent-Length: " + size + "\r\n\r\n"));
            Thread writer = http.sendInBackground(body, written);
            assertThat(routes.heldSubscribed.await(10, TimeUnit.SECONDS)).isTrue();
            long last = RawHttp.awaitStall(written);
            assertThat(last).as("stalled before the end").isBetween(1L, (long) size - 1);
            routes.held.request(Long.MAX_VALUE); // from another thread: allowed
            RawHttp.Reply r = http.read();
            writer.join(10_000);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(json(r)).isEqualTo(digestOf(body));
        }
        assertThat(registry.get("http.server.requests.body.buffered").summary().max()).isPositive()
                .isLessThanOrEqualTo(BUFFER_BOUND);
    }

    @Test
    void aDisconnectIsSignalledToOnError() throws Exception {
        routes.failures.clear();
        RawHttp.disconnectMidBody(client.port(),
                "POST /digest HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n",
                randomBytes(23, 100_000));
        assertThat(routes.failures.poll(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class)
                .hasMessageContaining("closed the connection");
    }

    @Test
    void aCancelDropsTheRestAndTheConnectionServesOn() throws Exception {
        byte[] body = randomBytes(24, 1_000_000);
        body[0] = 'Q';
        try (RawHttp http = new RawHttp(client.port(), 10_000)) {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            wire.writeBytes(ascii("POST /first HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n"));
            wire.writeBytes(body);
            wire.writeBytes(ascii("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
            Thread sender = http.sendInBackground(wire.toByteArray());
            RawHttp.Reply first = http.read();
            assertThat(first.text()).isEqualTo("first Q");
            assertThat(first.closes()).isFalse();
            assertThat(http.read().text()).isEqualTo("hello");
            sender.join(10_000);
        }
    }

    @Test
    void anEmptyBodyCompletesAtOnce() throws IOException {
        try (RawHttp http = new RawHttp(client.port(), 5_000)) {
            RawHttp.Reply r = http.exchange("POST /first HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
            assertThat(r.text()).isEqualTo("empty");
        }
    }

    @Test
    void aPublisherOfAnythingButByteBuffersIsRefusedAtStartup() {
        assertThatThrownBy(() -> App.create().include(new WrongPublisherRoutes()).start(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Flow.Publisher<ByteBuffer>");
    }
}
