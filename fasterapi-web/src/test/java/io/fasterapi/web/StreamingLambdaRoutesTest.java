package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lambda routes declared streaming ({@code app.postStreaming}) read the body while it arrives. */
class StreamingLambdaRoutesTest {
    private static final int MAX_BODY_SIZE = 1024;
    private static final CompletableFuture<String> failure = new CompletableFuture<>();
    private static Server server;

    @BeforeAll
    static void start() {
        App app = App.create();
        app.postStreaming("/upload", req -> {
            CRC32 crc = new CRC32();
            long n = 0;
            byte[] buf = new byte[8192];
            try (InputStream in = req.bodyStream()) {
                for (int r; (r = in.read(buf)) > 0; n += r) {
                    crc.update(buf, 0, r);
                }
            } catch (IOException e) {
                failure.complete(e.getMessage());
                throw e;
            }
            return Response.text(n + " " + Long.toHexString(crc.getValue()) + " " + req.body().length);
        });
        app.post("/gathered", req -> {
            try (InputStream in = req.bodyStream()) {
                return Response.text(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        server = app.options(ServerOptions.builder().host("127.0.0.1").maxBodySize(MAX_BODY_SIZE)
                .maxStreamedBodySize(1024 * 1024).build()).start(0);
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ofSeconds(2));
    }

    @Test
    void aStreamingLambdaRouteReadsABodyFarPastMaxBodySizeAsItArrives() throws Exception {
        byte[] body = new byte[200_000];
        new java.util.Random(42).nextBytes(body);
        CRC32 crc = new CRC32();
        crc.update(body);
        try (RawHttp conn = new RawHttp(server.port(), 10_000)) {
            conn.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: " + body.length
                    + "\r\nExpect: 100-continue\r\n\r\n");
            assertThat(conn.read().status()).isEqualTo(100);
            conn.send(body);
            RawHttp.Reply r = conn.read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).as("bytes, CRC, and body() empty on a streaming route")
                    .isEqualTo(body.length + " " + Long.toHexString(crc.getValue()) + " 0");
        }
    }

    @Test
    void aStreamingLambdaRouteRefusesABodyPastMaxStreamedBodySize() throws Exception {
        try (RawHttp conn = new RawHttp(server.port(), 10_000)) {
            conn.send("POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n");
            byte[] chunk = new byte[64 * 1024];
            String size = Integer.toHexString(chunk.length) + "\r\n";
            try {
                for (int i = 0; i < 20; i++) { // 1.25 MiB, past the 1 MiB limit
                    conn.send(size);
                    conn.send(chunk);
                    conn.send("\r\n");
                }
            } catch (IOException closedWhileSending) {
                // the server may close before all of it is sent
            }
            RawHttp.Reply r = conn.read();
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.closes()).isTrue();
        }
        assertThat(failure.get(5, TimeUnit.SECONDS)).contains("maxStreamedBodySize");
    }

    @Test
    void onAnOrdinaryRouteBodyStreamReadsTheGatheredBody() throws Exception {
        try (RawHttp conn = new RawHttp(server.port(), 10_000)) {
            RawHttp.Reply r = conn.exchange("POST /gathered HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("hello");
            RawHttp.Reply tooLarge = conn.exchange("POST /gathered HTTP/1.1\r\nHost: t\r\nContent-Length: "
                    + (MAX_BODY_SIZE + 1) + "\r\n\r\n");
            assertThat(tooLarge.status()).as("maxBodySize still applies there").isEqualTo(413);
        }
    }
}
