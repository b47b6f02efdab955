package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket closing handshake (RFC 6455 §5.5.1, §7.1.1) over raw sockets: after the server's Close
 * frame the TCP connection stays open for the client's answer, then closes cleanly; a client that never
 * answers is dropped after {@code webSocketCloseTimeout}; a client's Close is echoed.
 */
class WebSocketClosingHandshakeTest {
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
    private Server server;

    private Server start(Duration closeTimeout) {
        App app = App.create();
        app.websocket("/ws", new WebSocketHandler() {
            @Override
            public void onText(WebSocket ws, String text) {
                received.add(text);
                if (text.equals("bye")) {
                    ws.close(4000, "done");
                }
            }

            @Override
            public void onClose(WebSocket ws, int code, String reason) {
                closedWith.complete(code);
            }
        });
        server = app.options(ServerOptions.builder().host("127.0.0.1").webSocketCloseTimeout(closeTimeout).build())
                .start(0);
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(2));
        }
    }

    @Test
    void afterTheServersCloseTheClientMayStillAnswerAndTheConnectionEndsCleanly() throws Exception {
        start(Duration.ofSeconds(10));
        try (Socket s = open()) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            sendFrame(s, 0x1, "bye".getBytes(StandardCharsets.UTF_8));
            Frame close = readFrame(in);
            assertThat(close.opcode()).isEqualTo(0x8);
            assertThat(close.code()).isEqualTo(4000);

            sendFrame(s, 0x1, "late".getBytes(StandardCharsets.UTF_8)); // after the server's Close: dropped
            s.setSoTimeout(300);
            assertThat(readsNothingYet(in)).as("the server waits for the client's Close").isTrue();

            s.setSoTimeout(5000);
            sendFrame(s, 0x8, closePayload(4000));
            assertThat(in.read()).as("then a clean end of stream, no reset").isEqualTo(-1);
        }
        assertThat(closedWith.get(5, TimeUnit.SECONDS)).isEqualTo(4000);
        assertThat(received).containsExactly("bye");
    }

    @Test
    void stopsGoingAwayWaitsForTheClientsCloseAndEndsCleanly() throws Exception {
        start(Duration.ofSeconds(10));
        try (Socket s = open()) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> server.stop(Duration.ofSeconds(10)),
                    Executors.newVirtualThreadPerTaskExecutor());
            Frame close = readFrame(in);
            assertThat(close.opcode()).isEqualTo(0x8);
            assertThat(close.code()).isEqualTo(1001);
            sendFrame(s, 0x8, closePayload(1001));
            assertThat(in.read()).as("a clean end of stream, no reset").isEqualTo(-1);
            stopped.get(5, TimeUnit.SECONDS); // well before the 10 s deadline
        }
        assertThat(closedWith.get(5, TimeUnit.SECONDS)).isEqualTo(1001);
    }

    @Test
    void aClientThatNeverAnswersTheServersCloseIsDroppedAfterTheTimeout() throws Exception {
        start(Duration.ofMillis(500));
        try (Socket s = open()) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            long sent = System.nanoTime();
            sendFrame(s, 0x1, "bye".getBytes(StandardCharsets.UTF_8));
            assertThat(readFrame(in).code()).isEqualTo(4000);
            assertThat(in.read()).as("the server closes the connection").isEqualTo(-1);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent)).as("not before the timeout")
                    .isGreaterThanOrEqualTo(450);
        }
    }

    @Test
    void aClientsCloseIsEchoedAndTheServerClosesTheConnection() throws Exception {
        start(Duration.ofSeconds(10));
        try (Socket s = open()) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            sendFrame(s, 0x8, closePayload(1000));
            Frame echo = readFrame(in);
            assertThat(echo.opcode()).isEqualTo(0x8);
            assertThat(echo.code()).isEqualTo(1000);
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(closedWith.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
    }

    @Test
    void aCloseWithoutStatusIsEchoedWithoutStatusNot1005() throws Exception {
        start(Duration.ofSeconds(10));
        try (Socket s = open()) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            sendFrame(s, 0x8, new byte[0]);
            Frame echo = readFrame(in);
            assertThat(echo.opcode()).isEqualTo(0x8);
            assertThat(echo.payload()).isEmpty();
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(closedWith.get(5, TimeUnit.SECONDS)).isEqualTo(1005);
    }

    private record Frame(int opcode, byte[] payload) {
        int code() {
            return payload.length >= 2 ? ByteBuffer.wrap(payload).getShort() & 0xFFFF : -1;
        }
    }

    private Socket open() throws IOException {
        Socket s = WireReads.connect(server.port());
        s.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = s.getInputStream().read();
            assertThat(b).as("handshake answer").isNotNegative();
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
        return s;
    }

    private static boolean readsNothingYet(DataInputStream in) throws IOException {
        try {
            int b = in.read();
            throw new AssertionError(b < 0 ? "the server closed before the client's Close" : "unexpected byte " + b);
        } catch (SocketTimeoutException stillOpen) {
            return true;
        }
    }

    private static byte[] closePayload(int code) {
        return new byte[] {(byte) (code >> 8), (byte) code};
    }

    // A client's frames are masked (RFC 6455 §5.3); payloads here are under 126 bytes.
    private static void sendFrame(Socket s, int opcode, byte[] payload) throws IOException {
        byte[] mask = {0x12, 0x34, 0x56, 0x78};
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) (0x80 | opcode);
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        OutputStream out = s.getOutputStream();
        out.write(frame);
        out.flush();
    }

    private static Frame readFrame(DataInputStream in) throws IOException {
        int b0 = in.readUnsignedByte();
        int len = in.readUnsignedByte() & 0x7F;
        if (len == 126) {
            len = in.readUnsignedShort();
        }
        byte[] payload = new byte[len];
        in.readFully(payload);
        return new Frame(b0 & 0x0F, payload);
    }
}
