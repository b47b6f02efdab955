package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link ServerOptions.Builder#drainDelay}: once a graceful stop begins, {@code /ready} answers 503
 * while the server goes on serving everything else, on new connections and on keep-alive ones, so a
 * load balancer takes the instance out of rotation before its port closes; then the stop proceeds.
 * Without the delay the listener closes at once (the balancer would see refused connections).
 */
class DrainDelayTest {
    private static final Duration DRAIN = Duration.ofSeconds(3);

    private static App app() {
        App app = App.create();
        app.get("/hello", req -> Map.of("message", "hello"));
        return app;
    }

    @Test
    void duringTheDrainDelayReadyIs503AndRequestsAreStillServedThenTheListenerCloses() throws Exception {
        Server server = app().options(ServerOptions.builder().drainDelay(DRAIN).build()).start(0);
        int port = server.port();
        try (RawHttp keptAlive = new RawHttp(port, 10_000)) {
            assertThat(keptAlive.exchange("GET /ready HTTP/1.1\r\nHost: t\r\n\r\n").status()).isEqualTo(200);

            Thread stopping = Thread.ofPlatform().start(() -> server.stop(Duration.ofSeconds(10)));
            RawHttp.Reply ready = keptAlive.exchange("GET /ready HTTP/1.1\r\nHost: t\r\n\r\n");
            while (ready.status() == 200) { // the stop thread may not have begun yet
                Thread.sleep(10);
                ready = keptAlive.exchange("GET /ready HTTP/1.1\r\nHost: t\r\n\r\n");
            }
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.text()).contains("\"status\":\"stopping\"");
            assertThat(stopping.isAlive()).as("stop is still in its drain delay").isTrue();

            // The keep-alive connection is served as before, and not told to close.
            RawHttp.Reply onKeptAlive = keptAlive.exchange("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(onKeptAlive.status()).isEqualTo(200);
            assertThat(onKeptAlive.text()).isEqualTo("{\"message\":\"hello\"}");
            assertThat(onKeptAlive.closes()).isFalse();
            // A new connection is accepted and served.
            try (RawHttp fresh = new RawHttp(port, 10_000)) {
                RawHttp.Reply r = fresh.exchange("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.text()).isEqualTo("{\"message\":\"hello\"}");
            }
            assertThat(stopping.isAlive()).as("all of the above within the drain delay").isTrue();

            stopping.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(stopping.isAlive()).as("stop returned after the delay").isFalse();
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void withoutADrainDelayTheListenerClosesAtOnce() throws Exception {
        App app = app();
        assertThat(ServerOptions.defaults().drainDelay()).isEqualTo(Duration.ZERO);
        Server server = app.start(0);
        int port = server.port();
        server.stop(Duration.ofSeconds(10));
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void aRequestInFlightWhenTheListenerClosesIsStillAnswered() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch listenerClosed = new CountDownLatch(1);
        App app = App.create();
        app.get("/slow", req -> {
            entered.countDown();
            return Map.of("done", listenerClosed.await(20, TimeUnit.SECONDS));
        });
        Server server = app.options(ServerOptions.builder().drainDelay(Duration.ofMillis(300)).build()).start(0);
        int port = server.port();
        try (RawHttp client = new RawHttp(port, 30_000)) {
            client.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            Thread stopping = Thread.ofPlatform().start(() -> server.stop(Duration.ofSeconds(20)));
            while (accepts(port)) {
                Thread.sleep(20);
            }
            listenerClosed.countDown();
            RawHttp.Reply r = client.read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("{\"done\":true}");
            assertThat(r.closes()).as("the stop's last answer on this connection says close").isTrue();
            stopping.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(stopping.isAlive()).isFalse();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aNegativeDelayIsRefused() {
        assertThatThrownBy(() -> ServerOptions.builder().drainDelay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("drainDelay");
        assertThat(ServerOptions.builder().drainDelay(DRAIN).build().toBuilder().build().drainDelay()).isEqualTo(DRAIN);
    }

    @Test
    void aTestClientAndAnExplicitZeroDelayDoNotWaitForTheAppsDrainDelay() {
        ServerOptions hourLong = ServerOptions.builder().drainDelay(Duration.ofHours(1)).build();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (TestClient client = TestClient.of(app().options(hourLong))) {
                assertThat(client.get("/hello").status()).isEqualTo(200);
            }
            Server server = app().options(hourLong).start(0);
            server.stop(Duration.ZERO, Duration.ofSeconds(5));
            assertThatThrownBy(() -> new Socket("127.0.0.1", server.port()).close()).isInstanceOf(ConnectException.class);
        }, "a stop with a zero drain delay must not wait for the app's hour-long one");
    }
}
