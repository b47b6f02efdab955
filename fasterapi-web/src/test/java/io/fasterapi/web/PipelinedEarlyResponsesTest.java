package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Answers written before a request reaches its handler — {@code 100 Continue}, an early 413, a
 * WebSocket handshake's 101 or refusal — wait for the responses to earlier pipelined requests on the
 * same connection instead of overtaking them.
 */
class PipelinedEarlyResponsesTest {
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static volatile CountDownLatch entered;
    private static volatile CountDownLatch release;
    private static Server server;

    public static class StreamRoutes {
        @Post("/stream")
        @Produces("text/plain")
        public String stream(InputStream body) throws IOException {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    static void start() {
        App app = App.create().include(new StreamRoutes());
        app.get("/slow", req -> {
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            return Response.text("slow");
        });
        app.post("/echo", req -> Response.text(req.bodyAsString()));
        app.websocket("/ws", new WebSocketHandler() {
        });
        app.middleware(new Middleware() {
            @Override
            public Response before(Request request) {
                return request.header("x-refuse") != null ? Response.status(403) : null;
            }
        });
        server = app.options(ServerOptions.builder().host("127.0.0.1").maxBodySize(1024)
                .maxStreamedBodySize(2048).build()).start(0);
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ofSeconds(2));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            100 Continue, aggregated body   | POST /echo HTTP/1.1\\r\\nHost: t\\r\\nContent-Length: 5\\r\\nExpect: 100-continue\\r\\n\\r\\n | 100
            100 Continue, streamed body     | POST /stream HTTP/1.1\\r\\nHost: t\\r\\nContent-Length: 5\\r\\nExpect: 100-continue\\r\\n\\r\\n | 100
            413, aggregated body            | POST /echo HTTP/1.1\\r\\nHost: t\\r\\nContent-Length: 5000\\r\\n\\r\\n | 413
            413, streamed body              | POST /stream HTTP/1.1\\r\\nHost: t\\r\\nContent-Length: 5000\\r\\n\\r\\n | 413
            413 instead of 100 Continue     | POST /echo HTTP/1.1\\r\\nHost: t\\r\\nContent-Length: 5000\\r\\nExpect: 100-continue\\r\\n\\r\\n | 413
            WebSocket 101                   | GET /ws HTTP/1.1\\r\\nHost: t\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\\r\\nSec-WebSocket-Version: 13\\r\\n\\r\\n | 101
            WebSocket handshake refused     | GET /ws HTTP/1.1\\r\\nHost: t\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\\r\\nSec-WebSocket-Version: 13\\r\\nX-Refuse: 1\\r\\n\\r\\n | 403
            """)
    void anEarlyAnswerWaitsForTheSlowResponseBeforeIt(String name, String request, int expected) throws Exception {
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
        try (RawHttp conn = new RawHttp(server.port(), 10_000)) {
            conn.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n" + request.replace("\\r\\n", "\r\n"));
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(200); // time enough for an early answer to overtake, were it written at once
            release.countDown();

            RawHttp.Reply first = conn.read();
            assertThat(first.status()).as("the slow response comes first").isEqualTo(200);
            assertThat(first.text()).isEqualTo("slow");
            RawHttp.Reply second = conn.read();
            assertThat(second.status()).isEqualTo(expected);
            if (expected == 100) {
                conn.send("hello");
                RawHttp.Reply answer = conn.read();
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.text()).isEqualTo("hello");
            }
            if (expected == 101) {
                assertThat(second.head()).contains("sec-websocket-accept: s3pplmbitxaq9kygzzhzrbk+xoo=");
            }
        } finally {
            release.countDown();
        }
    }
}
