package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket.Listener;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** WebSocket endpoints against java.net.http's WebSocket client: echo, path parameters, close codes, size limit. */
class WebSocketTest {
    static TestClient client;
    static HttpClient http;
    static final BlockingQueue<String> serverCloses = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() {
        App app = App.create();
        app.websocket("/echo/{room}", new WebSocketHandler() {
            @Override
            public void onText(WebSocket ws, String text) {
                ws.sendText(ws.pathParam("room") + ": " + text);
            }

            @Override
            public void onBinary(WebSocket ws, byte[] data) {
                byte[] reversed = new byte[data.length];
                for (int i = 0; i < data.length; i++) {
                    reversed[i] = data[data.length - 1 - i];
                }
                ws.sendBinary(reversed);
            }

            @Override
            public void onClose(WebSocket ws, int code, String reason) {
                serverCloses.add(ws.pathParam("room") + " " + code + " " + reason);
            }
        });
        app.websocket("/count/{n}", new WebSocketHandler() {
            @Override
            public void onOpen(WebSocket ws) {
                int n = ws.pathParam("n", Integer.class);
                ws.sendText(Integer.toString(n + 1) + " " + ws.query("unit").orElse("-")).thenRun(ws::close);
            }
        });
        app.get("/plain", req -> "plain");
        client = TestClient.of(app, ServerOptions.builder().maxWebSocketFrameSize(1024));
        http = HttpClient.newHttpClient();
        // One echo before the tests, so no two virtual threads race to initialise the same classes
        // (a virtual thread waiting on another's class initialisation pins its carrier).
        Received warm = new Received();
        java.net.http.WebSocket ws = connect("/echo/warmup", warm);
        ws.sendText("hi", true).join();
        try {
            warm.next();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        ws.sendClose(1000, "warm").join();
    }

    @AfterAll
    static void stop() {
        http.close();
        client.close();
    }

    /** Collects what the client receives: text messages, binary as "bin:" + bytes, and "close code". */
    static final class Received implements Listener {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                events.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(java.net.http.WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            events.add("bin:" + java.util.Arrays.toString(b));
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(java.net.http.WebSocket ws, int code, String reason) {
            events.add("close " + code);
            return null;
        }

        @Override
        public void onError(java.net.http.WebSocket ws, Throwable error) {
            events.add("error " + error);
        }

        String next() throws InterruptedException {
            String e = events.poll(5, TimeUnit.SECONDS);
            assertThat(e).as("nothing received within 5 s").isNotNull();
            return e;
        }
    }

    private static java.net.http.WebSocket connect(String path, Received listener) {
        return http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + client.port() + path), listener)
                .join();
    }

    @Test
    void echoesTextAndBinaryWithThePathParameter() throws Exception {
        Received r = new Received();
        java.net.http.WebSocket ws = connect("/echo/lobby", r);
        ws.sendText("hello", true).join();
        assertThat(r.next()).isEqualTo("lobby: hello");
        ws.sendText("frag", false).join();
        ws.sendText("mented", true).join();
        assertThat(r.next()).isEqualTo("lobby: fragmented");
        ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
        assertThat(r.next()).isEqualTo("bin:[3, 2, 1]");
        ws.sendClose(1000, "bye").join();
        assertThat(r.next()).isEqualTo("close 1000");
        String close;
        do {
            close = serverCloses.poll(5, TimeUnit.SECONDS);
            assertThat(close).as("the server's onClose").isNotNull();
        } while (!close.startsWith("lobby "));
        assertThat(close).isEqualTo("lobby 1000 bye");
    }

    @Test
    void bindsTypedPathParametersAndQuery() throws Exception {
        Received r = new Received();
        connect("/count/41?unit=cm", r);
        assertThat(r.next()).isEqualTo("42 cm");
        assertThat(r.next()).isEqualTo("close 1000");
    }

    @Test
    void messageOverTheSizeLimitClosesWith1009() throws Exception {
        Received r = new Received();
        java.net.http.WebSocket ws = connect("/echo/big", r);
        ws.sendText("x".repeat(2000), true);
        assertThat(r.next()).isEqualTo("close 1009");
    }

    @Test
    void plainHttpStillWorksBesideWebSockets() {
        assertThat(client.get("/plain").json(String.class)).isEqualTo("plain");
        assertThat(client.get("/echo/lobby").status()).isEqualTo(404);
    }

    @Test
    void manyConcurrentConnectionsEachGetTheirOwnEcho() throws Exception {
        CompletableFuture<?>[] all = new CompletableFuture<?>[20];
        for (int i = 0; i < all.length; i++) {
            int n = i;
            all[i] = CompletableFuture.runAsync(() -> {
                try {
                    Received r = new Received();
                    java.net.http.WebSocket ws = connect("/echo/r" + n, r);
                    for (int k = 0; k < 10; k++) {
                        ws.sendText("m" + k, true).join();
                        assertThat(r.next()).isEqualTo("r" + n + ": m" + k);
                    }
                    ws.sendClose(1000, "").join();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        CompletableFuture.allOf(all).get(20, TimeUnit.SECONDS);
    }
}
