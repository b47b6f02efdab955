package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Server-Sent Events read by real clients: framing, keep-alive comments, cancellation on disconnect. */
class ServerSentEventsTest {
    static TestClient client;
    static final CountDownLatch cancelled = new CountDownLatch(1);

    public record Price(String symbol, double value) {
    }

    /** Emits "tick n" every 10 ms while there is demand, until cancelled; counts the cancel. */
    static final class Ticker implements Flow.Publisher<ServerSentEvent> {
        @Override
        public void subscribe(Flow.Subscriber<? super ServerSentEvent> s) {
            Semaphore demand = new Semaphore(0);
            AtomicBoolean stop = new AtomicBoolean();
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    demand.release((int) Math.min(n, 1000));
                }

                @Override
                public void cancel() {
                    if (stop.compareAndSet(false, true)) {
                        cancelled.countDown();
                    }
                }
            });
            Thread.startVirtualThread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    try {
                        if (!demand.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                            continue;
                        }
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                    s.onNext(ServerSentEvent.of("tick " + i).withId(Integer.toString(i)));
                }
            });
        }
    }

    public static class Routes {
        @Get("/prices")
        public EventStream prices() {
            return EventStream.of(cold(List.of(
                    ServerSentEvent.of(new Price("ACME", 12.5)).withEvent("price").withId("1"),
                    ServerSentEvent.of("line one\nline two\r\nline three").withRetry(Duration.ofSeconds(3)),
                    ServerSentEvent.comment("just a comment"))));
        }

        @Get("/quiet")
        public EventStream quiet() {
            SubmissionPublisher<ServerSentEvent> p = new SubmissionPublisher<>();
            Thread.startVirtualThread(() -> {
                try {
                    Thread.sleep(450);
                } catch (InterruptedException e) {
                    return;
                }
                p.submit(ServerSentEvent.of("finally"));
                p.close();
            });
            return EventStream.of(p).keepAlive(Duration.ofMillis(100));
        }

        @Get("/ticks")
        public EventStream ticks() {
            return EventStream.of(new Ticker());
        }
    }

    /** Publishes {@code events} to each subscriber once it subscribed (SubmissionPublisher drops earlier items). */
    static Flow.Publisher<ServerSentEvent> cold(List<ServerSentEvent> events) {
        return subscriber -> {
            SubmissionPublisher<ServerSentEvent> p = new SubmissionPublisher<>();
            p.subscribe(subscriber);
            Thread.startVirtualThread(() -> {
                events.forEach(p::submit);
                p.close();
            });
        };
    }

    @BeforeAll
    static void start() {
        client = TestClient.of(App.create().include(new Routes()));
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void framesEventsAsTextEventStream() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<Stream<String>> r = http.send(HttpRequest.newBuilder(URI.create(client.baseUri() + "/prices"))
                    .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofLines());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
            assertThat(r.headers().firstValue("cache-control")).hasValue("no-cache");
            assertThat(r.headers().firstValue("content-encoding").orElse("identity")).isEqualTo("identity");
            List<String> lines = r.body().toList();
            assertThat(lines).containsExactly(
                    "event: price", "id: 1", "data: {\"symbol\":\"ACME\",\"value\":12.5}", "",
                    "retry: 3000", "data: line one", "data: line two", "data: line three", "",
                    ": just a comment", "");
        }
    }

    @Test
    void sendsKeepAliveCommentsWhileIdle() {
        TestResponse r = client.get("/quiet");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).startsWith(": keep-alive\n\n").endsWith("data: finally\n\n");
        assertThat(r.text().split(": keep-alive\n\n", -1).length - 1).isBetween(2, 8);
    }

    @Test
    void clientDisconnectCancelsThePublisher() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", client.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /ticks HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder seen = new StringBuilder();
            byte[] buf = new byte[1024];
            while (!seen.toString().contains("data: tick 2")) {
                int n = in.read(buf);
                assertThat(n).as("stream ended early: " + seen).isPositive();
                seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
            assertThat(seen.toString()).contains("id: 0\ndata: tick 0\n\n", "id: 1\ndata: tick 1\n\n");
            assertThat(cancelled.getCount()).isEqualTo(1);
        }
        assertThat(cancelled.await(5, TimeUnit.SECONDS)).as("publisher cancelled after the client left").isTrue();
        assertThat(client.get("/prices").status()).isEqualTo(200);
    }
}
