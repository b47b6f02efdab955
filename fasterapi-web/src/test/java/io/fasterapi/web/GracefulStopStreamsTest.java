package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A graceful stop ends open event streams at once and cleanly, and lets finite streamed downloads finish. */
class GracefulStopStreamsTest {
    private static final long STOP_BOUND_SECONDS = 5; // well under the 10 s deadline given to stop

    @Test
    void stopEndsAnOpenEventStreamCleanlyWithoutWaitingForTheDeadline() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        App app = App.create();
        app.get("/events", req -> {
            // One event, then silence, never completing: an endless stream.
            Flow.Publisher<ServerSentEvent> events = subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
                private boolean sent;

                @Override
                public void request(long n) {
                    if (!sent) {
                        sent = true;
                        subscriber.onNext(ServerSentEvent.of("hello"));
                    }
                }

                @Override
                public void cancel() {
                    cancelled.countDown();
                }
            });
            return EventStream.of(events);
        });
        Server server = app.options(ServerOptions.builder().host("127.0.0.1").build()).start(0);
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(15_000);
            s.getOutputStream().write("GET /events HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            while (!wire.toString(StandardCharsets.UTF_8).contains("data: hello")) {
                int b = in.read();
                assertThat(b).as("the first event arrives").isNotNegative();
                wire.write(b);
            }

            long start = System.nanoTime();
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> server.stop(Duration.ofSeconds(10)),
                    Executors.newVirtualThreadPerTaskExecutor());
            in.transferTo(wire); // to EOF: a reset would throw here
            stopped.get(STOP_BOUND_SECONDS, TimeUnit.SECONDS);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            String text = wire.toString(StandardCharsets.UTF_8);
            assertThat(text).startsWith("HTTP/1.1 200").contains("transfer-encoding: chunked");
            assertThat(text).as("the chunked body ends with its terminating chunk").endsWith("\r\n0\r\n\r\n");
            assertThat(cancelled.await(5, TimeUnit.SECONDS)).as("the event publisher was cancelled").isTrue();
            assertThat(tookMillis).as("stop did not wait for its deadline").isLessThan(TimeUnit.SECONDS.toMillis(
                    STOP_BOUND_SECONDS));
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void stopLetsASlowFiniteStreamedDownloadFinishWithinTheDeadline() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        App app = App.create();
        app.get("/download", req -> Response.stream("text/plain", out -> {
            for (int i = 0; i < 8; i++) {
                out.write(("part " + i + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                started.countDown();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
            }
        }));
        Server server = app.options(ServerOptions.builder().host("127.0.0.1").build()).start(0);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            CompletableFuture<HttpResponse<String>> download = http.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/download")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> server.stop(Duration.ofSeconds(10)),
                    Executors.newVirtualThreadPerTaskExecutor());
            HttpResponse<String> r = download.get(10, TimeUnit.SECONDS);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("part 0\npart 1\npart 2\npart 3\npart 4\npart 5\npart 6\npart 7\n");
            stopped.get(STOP_BOUND_SECONDS, TimeUnit.SECONDS);
        } finally {
            http.close();
            server.stop(Duration.ofSeconds(1));
        }
    }
}
