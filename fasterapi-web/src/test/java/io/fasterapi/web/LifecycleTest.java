package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LifecycleTest {
    @Test
    void stopFinishesInFlightRequestsThenRunsShutdownHooks() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch entered = new CountDownLatch(1);
        App app = App.create().onStartup(() -> events.add("startup")).onShutdown(() -> events.add("shutdown"));
        app.get("/slow", req -> {
            entered.countDown();
            Thread.sleep(300);
            events.add("handled");
            return Response.text("done");
        });
        Server server = app.options(ServerOptions.builder().host("127.0.0.1").build()).start(0);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/slow")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        server.stop(Duration.ofSeconds(5));
        HttpResponse<String> r = inFlight.get(5, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("done");
        assertThat(events).containsExactly("startup", "handled", "shutdown");
        http.close();
    }

    @Test
    void readyAnswers503AsSoonAsStopBeginsWhileTheInFlightRequestStillFinishes() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        App app = App.create().readinessCheck("db", () -> true);
        app.get("/slow", req -> {
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            return Response.text("done");
        });
        Server server = app.options(ServerOptions.builder().host("127.0.0.1").build()).start(0);
        try (RawHttp conn = new RawHttp(server.port(), 10_000)) {
            assertThat(conn.exchange(GET_READY).status()).as("ready before the stop").isEqualTo(200);
            conn.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> server.stop(Duration.ofSeconds(10)),
                    Executors.newVirtualThreadPerTaskExecutor());
            awaitNewConnectionsRefused(server.port());
            // New connections are refused: ask on the open keep-alive connection, behind the slow request.
            conn.send(GET_READY + "GET /health HTTP/1.1\r\nHost: t\r\n\r\n");

            assertThat(stopped).as("stop waits for the in-flight request").isNotDone();
            release.countDown();
            RawHttp.Reply slow = conn.read();
            assertThat(slow.status()).isEqualTo(200);
            assertThat(slow.text()).isEqualTo("done");
            RawHttp.Reply ready = conn.read();
            assertThat(ready.status()).as("ready while stopping").isEqualTo(503);
            assertThat(JSON.readTree(ready.text())).isEqualTo(JSON.readTree("{\"status\":\"stopping\",\"checks\":{}}"));
            RawHttp.Reply health = conn.read();
            assertThat(health.status()).as("health until the server stops").isEqualTo(200);
            assertThat(health.closes()).as("the last answer closes the connection").isTrue();
            assertThat(slow.closes()).isFalse();
            assertThat(conn.closedByPeer()).isTrue();
            stopped.get(10, TimeUnit.SECONDS);
        } finally {
            release.countDown();
        }
    }

    private static final String GET_READY = "GET /ready HTTP/1.1\r\nHost: t\r\n\r\n";
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .build();

    private static void awaitNewConnectionsRefused(int port) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < end) {
            try {
                new Socket("127.0.0.1", port).close();
                Thread.sleep(5);
            } catch (ConnectException refused) {
                return;
            }
        }
        throw new AssertionError("the server still accepts connections 5 s after stop began");
    }

    @Test
    void badSignatureFailsAtStartNotAtRequest() {
        record A(int a) {
        }
        record B(int b) {
        }
        class TwoBodies {
            @Post("/x")
            public void x(A a, B b) {
            }
        }
        App app = App.create().include(new TwoBodies());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> app.start(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("POST /x");
    }
}
