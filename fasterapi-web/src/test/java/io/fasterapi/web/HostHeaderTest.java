package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 9112 §3.2: a server answers 400 to an HTTP/1.1 request without a {@code Host} header and to any
 * request with more than one (h11, under uvicorn, refuses both). HTTP/1.0 may omit it. Such a 400 is
 * the framework's usual one ({@code {"detail":"Bad Request"}}, {@code date}, {@code server}, a
 * request id) and closes the connection, like every request the decoder refuses.
 */
class HostHeaderTest {
    static TestClient client;

    @BeforeAll
    static void start() {
        App app = App.create();
        app.get("/ok", req -> Response.text("ok"));
        client = TestClient.of(app);
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            HTTP/1.1 without Host          | GET /ok HTTP/1.1\\r\\nAccept: */*\\r\\n\\r\\n
            two Host headers, same value   | GET /ok HTTP/1.1\\r\\nHost: a\\r\\nHost: a\\r\\n\\r\\n
            two Host headers, other values | GET /ok HTTP/1.1\\r\\nHost: a\\r\\nhost: b\\r\\n\\r\\n
            HTTP/1.0 with two Host headers | GET /ok HTTP/1.0\\r\\nHost: a\\r\\nHost: b\\r\\n\\r\\n
            POST without Host, with a body | POST /ok HTTP/1.1\\r\\nContent-Length: 2\\r\\n\\r\\nhi
            """)
    void isRefusedWith400AndTheConnectionCloses(String name, String request) throws IOException {
        try (RawHttp conn = new RawHttp(client.port(), 5000)) {
            RawHttp.Reply reply = conn.exchange(request.replace("\\r\\n", "\r\n"));
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.text()).isEqualTo("{\"detail\":\"Bad Request\"}");
            assertThat(reply.closes()).isTrue();
            assertThat(reply.head()).contains("\r\ndate: ", "\r\nserver: fasterapi", "\r\nx-request-id: ");
            assertThat(conn.closedByPeer()).isTrue();
        }
        try (RawHttp conn = new RawHttp(client.port(), 5000)) {
            assertThat(conn.exchange("GET /ok HTTP/1.1\r\nHost: t\r\n\r\n").status()).isEqualTo(200);
        }
    }

    @Test
    void http10WithoutHostIsServed() throws IOException {
        try (RawHttp conn = new RawHttp(client.port(), 5000)) {
            RawHttp.Reply reply = conn.exchange("GET /ok HTTP/1.0\r\n\r\n");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.text()).isEqualTo("ok");
        }
    }

    @Test
    void anEmptyHostIsAHostAndServed() throws IOException {
        // RFC 9112 §3.2: a client sends an empty Host when the target URI has no authority.
        try (RawHttp conn = new RawHttp(client.port(), 5000)) {
            assertThat(conn.exchange("GET /ok HTTP/1.1\r\nHost:\r\n\r\n").status()).isEqualTo(200);
            assertThat(conn.exchange("GET /ok HTTP/1.1\r\nHost: t\r\n\r\n").status()).as("keep-alive").isEqualTo(200);
        }
    }

    @Test
    void requestsPipelinedBeforeTheBadOneAreAnsweredFirst() throws IOException {
        try (RawHttp conn = new RawHttp(client.port(), 5000)) {
            conn.send("GET /ok HTTP/1.1\r\nHost: t\r\n\r\nGET /ok HTTP/1.1\r\nHost: t\r\n\r\n"
                    + "GET /ok HTTP/1.1\r\n\r\nGET /ok HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(conn.read().status()).isEqualTo(200);
            assertThat(conn.read().status()).isEqualTo(200);
            RawHttp.Reply refused = conn.read();
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.closes()).isTrue();
            assertThat(conn.closedByPeer()).as("the request after the bad one is dropped").isTrue();
        }
    }
}
