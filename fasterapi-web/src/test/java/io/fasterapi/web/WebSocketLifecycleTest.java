package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * WebSocket endpoints around their connections: closed with 1001 when the server stops, subprotocol
 * negotiation (RFC 6455 §4.2.2), and middleware screening the handshake.
 */
class WebSocketLifecycleTest {
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<String> serverEvents = new LinkedBlockingQueue<>();

    @AfterEach
    void closeClient() {
        http.close();
    }

    /** Tells the client which subprotocol it got, and records the server side's callbacks. */
    private WebSocketHandler reporting() {
        return new WebSocketHandler() {
            @Override
            public void onOpen(WebSocket ws) {
                serverEvents.add("open " + ws.path());
                ws.sendText("subprotocol " + ws.subprotocol().orElse("none"));
            }

            @Override
            public void onText(WebSocket ws, String text) {
                ws.sendText("echo " + text);
            }

            @Override
            public void onClose(WebSocket ws, int code, String reason) {
                serverEvents.add("close " + code);
            }
        };
    }

    private java.net.http.WebSocket connect(int port, String path, WebSocketTest.Received listener,
                                            String... subprotocols) {
        java.net.http.WebSocket.Builder b = http.newWebSocketBuilder();
        if (subprotocols.length > 0) {
            b.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        return b.buildAsync(URI.create("ws://127.0.0.1:" + port + path), listener).join();
    }

    private static Server start(App app) {
        return app.options(ServerOptions.builder().host("127.0.0.1").build()).start(0);
    }

    @Test
    void stopClosesOpenWebSocketsWithGoingAway() throws Exception {
        App app = App.create().websocket("/chat", reporting());
        Server server = start(app);
        WebSocketTest.Received first = new WebSocketTest.Received();
        WebSocketTest.Received second = new WebSocketTest.Received();
        java.net.http.WebSocket a = connect(server.port(), "/chat", first);
        connect(server.port(), "/chat", second);
        assertThat(first.next()).isEqualTo("subprotocol none");
        assertThat(second.next()).isEqualTo("subprotocol none");
        a.sendText("still open", true).join();
        assertThat(first.next()).isEqualTo("echo still open");

        // A deadline far away: a close before it is the graceful 1001, not the deadline's forced close.
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> server.stop(Duration.ofSeconds(30)),
                Executors.newVirtualThreadPerTaskExecutor());
        assertThat(first.next()).isEqualTo("close 1001");
        assertThat(second.next()).isEqualTo("close 1001");
        stopped.get(10, TimeUnit.SECONDS);
        assertThat(List.of(serverEvents.poll(5, TimeUnit.SECONDS), serverEvents.poll(5, TimeUnit.SECONDS),
                serverEvents.poll(5, TimeUnit.SECONDS), serverEvents.poll(5, TimeUnit.SECONDS)))
                .containsExactlyInAnyOrder("open /chat", "open /chat", "close 1001", "close 1001");
    }

    @Test
    void theFirstSubprotocolTheClientOffersThatTheEndpointSpeaksIsChosen() throws Exception {
        App app = App.create()
                .websocket("/graphql", List.of("graphql-transport-ws", "graphql-ws"), reporting())
                .websocket("/plain", reporting());
        try (Server server = start(app)) {
            WebSocketTest.Received r = new WebSocketTest.Received();
            java.net.http.WebSocket ws = connect(server.port(), "/graphql", r, "graphql-ws", "graphql-transport-ws");
            assertThat(ws.getSubprotocol()).as("the client's first choice wins").isEqualTo("graphql-ws");
            assertThat(r.next()).isEqualTo("subprotocol graphql-ws");

            WebSocketTest.Received r2 = new WebSocketTest.Received();
            java.net.http.WebSocket ws2 = connect(server.port(), "/graphql", r2, "mqtt", "graphql-transport-ws");
            assertThat(ws2.getSubprotocol()).isEqualTo("graphql-transport-ws");
            assertThat(r2.next()).isEqualTo("subprotocol graphql-transport-ws");
            ws.sendClose(1000, "").join();
            ws2.sendClose(1000, "").join();
        }
    }

    @Test
    void withNoSubprotocolInCommonTheHandshakeSucceedsWithoutTheHeader() throws Exception {
        App app = App.create()
                .websocket("/graphql", List.of("graphql-ws"), reporting())
                .websocket("/plain", reporting());
        try (Server server = start(app)) {
            String offeredNothingSpoken = handshakeHead(server.port(), "/graphql", "Sec-WebSocket-Protocol: mqtt, wamp");
            assertThat(offeredNothingSpoken).startsWith("http/1.1 101");
            assertThat(offeredNothingSpoken).doesNotContain("sec-websocket-protocol");

            String endpointSpeaksNone = handshakeHead(server.port(), "/plain", "Sec-WebSocket-Protocol: graphql-ws");
            assertThat(endpointSpeaksNone).startsWith("http/1.1 101");
            assertThat(endpointSpeaksNone).doesNotContain("sec-websocket-protocol");

            String offersInTwoLines = handshakeHead(server.port(), "/graphql",
                    "Sec-WebSocket-Protocol: mqtt\r\nSec-WebSocket-Protocol: graphql-ws");
            assertThat(offersInTwoLines).startsWith("http/1.1 101");
            assertThat(offersInTwoLines).contains("\r\nsec-websocket-protocol: graphql-ws\r\n");
        }
    }

    @Test
    void aSubprotocolMustBeAToken() {
        App app = App.create();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> app.websocket("/x", List.of("has space"), new WebSocketHandler() { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has space");
    }

    @Test
    void aMiddlewareAnsweringTheHandshakeRefusesTheUpgrade() throws Exception {
        App app = App.create().websocket("/private", reporting()).middleware(new Middleware() {
            @Override
            public Response before(Request request) {
                if (request.path().equals("/private") && !"Bearer good".equals(request.header("authorization"))) {
                    return Response.json(401, Map.of("detail", "Not authenticated"))
                            .header("WWW-Authenticate", "Bearer");
                }
                return null;
            }

            @Override
            public void after(Request request, Response response) {
                response.header("X-Screened", request.path());
            }
        });
        try (Server server = start(app)) {
            String refused = handshakeToEnd(server.port(), "/private", "Authorization: Bearer bad");
            assertThat(refused).startsWith("http/1.1 401");
            assertThat(refused).contains("\r\nwww-authenticate: bearer\r\n", "\r\nx-screened: /private\r\n",
                    "\r\nconnection: close\r\n");
            assertThat(refused).doesNotContain("upgrade: websocket");
            assertThat(refused).endsWith("{\"detail\":\"not authenticated\"}");

            CompletionException failed = org.assertj.core.api.Assertions.catchThrowableOfType(CompletionException.class,
                    () -> connect(server.port(), "/private", new WebSocketTest.Received()));
            assertThat(failed).isNotNull();

            WebSocketTest.Received r = new WebSocketTest.Received();
            java.net.http.WebSocket ws = http.newWebSocketBuilder().header("Authorization", "Bearer good")
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/private"), r).join();
            assertThat(r.next()).isEqualTo("subprotocol none");
            ws.sendText("in", true).join();
            assertThat(r.next()).isEqualTo("echo in");
            ws.sendClose(1000, "").join();
            assertThat(serverEvents.poll(5, TimeUnit.SECONDS)).as("only the admitted one opened").isEqualTo("open /private");
        }
    }

    /** Sends a handshake on a raw socket and returns the response head, lower-cased. */
    private static String handshakeHead(int port, String path, String extraHeaders) throws IOException {
        try (Socket s = WireReads.connect(port)) {
            sendHandshake(s, path, extraHeaders);
            return WireReads.readUntil(s.getInputStream(), "\r\n\r\n", 1).toLowerCase(Locale.ROOT);
        }
    }

    /** Sends a handshake on a raw socket and reads until the server closes, lower-cased. */
    private static String handshakeToEnd(int port, String path, String extraHeaders) throws IOException {
        try (Socket s = WireReads.connect(port)) {
            sendHandshake(s, path, extraHeaders);
            return WireReads.readUntil(s.getInputStream(), null, 0).toLowerCase(Locale.ROOT);
        }
    }

    private static void sendHandshake(Socket s, String path, String extraHeaders) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
