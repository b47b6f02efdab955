package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.pg.PgBroker;
import io.fasterapi.pg.PgPool;
import io.fasterapi.testing.TestPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two application instances, each with its own pool and broker, over real sockets: what instance A
 * publishes, Server-Sent Events and WebSocket clients of instance B receive.
 */
class PgEventStreamsTest {
    static WebPgDb db;
    static PgPool poolB;
    static PgBroker brokerA;
    static PgBroker brokerB;
    static TestClient a;
    static TestClient b;
    /** Instance B again, with a broker whose subscribers have 8 messages of buffer and are ended when it is full. */
    static PgBroker strictB;
    static TestClient strict;
    static final HttpClient http = HttpClient.newHttpClient();

    static App instance(PgPool pool, PgBroker broker) {
        return App.create().reactor(pool.reactor())
                .post("/rooms/{room}/messages", req -> {
                    long seq = broker.publish("room:" + req.pathParam("room"), req.query("text").orElseThrow());
                    return java.util.Map.of("seq", seq);
                })
                .get("/rooms/{room}/events", req -> PgEventStreams.sse(broker, "room:" + req.pathParam("room"), req))
                .websocket("/rooms/{room}", PgEventStreams.chat(broker, ws -> "room:" + ws.pathParam("room")));
    }

    @BeforeAll
    static void start() {
        db = new WebPgDb(PgEventStreamsTest.class, b -> b.threads(1).maxSize(4));
        String base = TestPostgres.dsn();
        poolB = PgPool.builder(base + (base.contains("?") ? "&" : "?") + "options="
                + URLEncoder.encode("-c search_path=" + db.schema, StandardCharsets.UTF_8).replace("+", "%20"))
                .threads(1).maxSize(4).build();
        brokerA = PgBroker.builder(db.pool).schema(db.schema).build();
        brokerB = PgBroker.builder(poolB).schema(db.schema).build();
        a = TestClient.of(instance(db.pool, brokerA));
        b = TestClient.of(instance(poolB, brokerB));
        strictB = PgBroker.builder(poolB).schema(db.schema).bufferSize(8).overflow(PgBroker.Overflow.DISCONNECT).build();
        strict = TestClient.of(instance(poolB, strictB));
    }

    @AfterAll
    static void stop() {
        try {
            b.close();
            strict.close();
            strictB.close();
            brokerA.close();
            brokerB.close();
            poolB.close();
        } finally {
            WebPgDb.close(a, db);
        }
    }

    private static long publishViaA(String room, String text) {
        TestResponse r = a.post("/rooms/" + room + "/messages?text=" + URLEncoder.encode(text, StandardCharsets.UTF_8), "");
        assertThat(r.status()).isEqualTo(200);
        return r.json(SeqReply.class).seq();
    }

    public record SeqReply(long seq) {
    }

    /** The lines of an SSE stream from instance B, read on a virtual thread. */
    private static BlockingQueue<String> sseFromB(String path, String lastEventId) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(b.baseUri() + path)).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            req.header("Last-Event-ID", lastEventId);
        }
        Thread.startVirtualThread(() -> {
            try {
                HttpResponse<Stream<String>> r = http.send(req.build(), HttpResponse.BodyHandlers.ofLines());
                lines.add("status " + r.statusCode());
                for (Iterator<String> it = r.body().iterator(); it.hasNext(); ) {
                    lines.add(it.next());
                }
            } catch (Exception e) {
                lines.add("failed " + e);
            }
        });
        return lines;
    }

    /** The next non-comment line. */
    private static String next(BlockingQueue<String> lines) throws InterruptedException {
        while (true) {
            String line = lines.poll(10, TimeUnit.SECONDS);
            assertThat(line).as("a line within 10 s").isNotNull();
            if (!line.startsWith(":")) {
                return line;
            }
        }
    }

    private static void awaitListening(PgBroker broker, String channel) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!broker.isListening(channel) && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(broker.isListening(channel)).isTrue();
    }

    @Test
    void anSseClientOfInstanceBReceivesWhatInstanceAPublished() throws Exception {
        BlockingQueue<String> lines = sseFromB("/rooms/sse/events", null);
        assertThat(next(lines)).isEqualTo("status 200");
        awaitListening(brokerB, "room:sse");
        long seq = publishViaA("sse", "hello from A");
        long seq2 = publishViaA("sse", "ünïcödé\nsecond line");
        assertThat(next(lines)).isEqualTo("id: " + seq);
        assertThat(next(lines)).isEqualTo("data: hello from A");
        assertThat(next(lines)).isEmpty();
        assertThat(next(lines)).isEqualTo("id: " + seq2);
        assertThat(next(lines)).isEqualTo("data: ünïcödé");
        assertThat(next(lines)).isEqualTo("data: second line");
        assertThat(next(lines)).isEmpty();
    }

    @Test
    void aReconnectingSseClientResumesAfterItsLastEventId() throws Exception {
        long first = publishViaA("resume", "one");
        publishViaA("resume", "two");
        long third = publishViaA("resume", "three");
        BlockingQueue<String> lines = sseFromB("/rooms/resume/events", Long.toString(first));
        assertThat(next(lines)).isEqualTo("status 200");
        assertThat(next(lines)).isEqualTo("id: " + (first + 1));
        assertThat(next(lines)).isEqualTo("data: two");
        assertThat(next(lines)).isEmpty();
        assertThat(next(lines)).isEqualTo("id: " + third);
        assertThat(next(lines)).isEqualTo("data: three");
    }

    @Test
    void aWebSocketClientOfInstanceBReceivesWhatAClientOfInstanceASent() throws Exception {
        BlockingQueue<String> onB = new LinkedBlockingQueue<>();
        BlockingQueue<String> onA = new LinkedBlockingQueue<>();
        java.net.http.WebSocket wsB = connect(b, "/rooms/ws", onB);
        java.net.http.WebSocket wsA = connect(a, "/rooms/ws", onA);
        awaitListening(brokerA, "room:ws");
        awaitListening(brokerB, "room:ws");
        wsA.sendText("hi from a client of A", true).join();
        assertThat(onB.poll(10, TimeUnit.SECONDS)).isEqualTo("hi from a client of A");
        assertThat(onA.poll(10, TimeUnit.SECONDS)).isEqualTo("hi from a client of A");
        publishViaA("ws", "from the server");
        assertThat(onB.poll(10, TimeUnit.SECONDS)).isEqualTo("from the server");
        wsA.sendClose(1000, "").join();
        wsB.sendClose(1000, "").join();
    }

    private static java.net.http.WebSocket connect(TestClient to, String path, BlockingQueue<String> received) {
        return http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + to.port() + path),
                new java.net.http.WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            received.add(text.toString());
                            text.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).join();
    }

    /**
     * A client that stops reading: the socket's buffers fill, the response stops asking for events,
     * the subscriber's buffer fills, and DISCONNECT ends the stream instead of holding more. The
     * client then reads what was sent, a gap event and the end, and resumes with Last-Event-ID.
     */
    @Test
    void aStalledSseClientIsEndedAndResumesWithItsLastEventId() throws Exception {
        String big = "x".repeat(256 * 1024);
        try (Socket socket = new Socket("127.0.0.1", strict.port())) {
            socket.setReceiveBufferSize(16 * 1024);
            socket.getOutputStream().write(("GET /rooms/stall/events HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
            awaitListening(strictB, "room:stall");
            long last = 0;
            for (int i = 0; i < 60; i++) { // 15 MB: more than the socket buffers and 8 messages hold
                last = brokerA.publish("room:stall", big);
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (strictB.isListening("room:stall") && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertThat(strictB.isListening("room:stall")).as("the stalled subscriber was ended").isFalse();

            List<String> ids = new ArrayList<>();
            boolean gap = false;
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("id: ")) {
                    assertThat(gap).as("nothing after the gap").isFalse();
                    ids.add(line.substring(4));
                } else if (line.equals("event: gap")) {
                    gap = true;
                } else if (line.startsWith("data: ")) {
                    assertThat(line.equals("data: " + big) || line.contains("\"after\"")).as("a payload or a gap's").isTrue();
                }
            }
            assertThat(gap).isTrue();
            assertThat(ids).isNotEmpty().hasSizeLessThan(60);
            long lastSeen = Long.parseLong(ids.get(ids.size() - 1));

            BlockingQueue<String> lines = sseFromB("/rooms/stall/events", Long.toString(lastSeen));
            assertThat(next(lines)).isEqualTo("status 200");
            // Instance B's other broker keeps 1,024 messages of buffer: the table replays all that were missed.
            for (long id = lastSeen + 1; id <= last; id++) {
                assertThat(next(lines)).isEqualTo("id: " + id);
                assertThat(next(lines)).isEqualTo("data: " + big);
                assertThat(next(lines)).isEmpty();
            }
        }
    }

    @Test
    void lastEventIdIsASequenceNumberOrIgnored() {
        assertThat(PgEventStreams.lastEventId("42")).isEqualTo(42);
        assertThat(PgEventStreams.lastEventId(null)).isEqualTo(PgBroker.NOW);
        assertThat(PgEventStreams.lastEventId("abc")).isEqualTo(PgBroker.NOW);
        assertThat(PgEventStreams.lastEventId("-3")).isEqualTo(PgBroker.NOW);
        assertThat(PgEventStreams.lastEventId("99999999999999999999")).isEqualTo(PgBroker.NOW);
    }
}
