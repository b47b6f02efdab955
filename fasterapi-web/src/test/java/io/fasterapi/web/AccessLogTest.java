package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.testing.CapturedStderr;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;
import tools.jackson.databind.json.JsonMapper;

/**
 * The access log ({@link ServerOptions.Builder#accessLog}) on a real server and socket, read from
 * slf4j-simple's output (System.err; the test resources set {@code io.fasterapi.web.access} to INFO):
 * the JSON form's fields, its escaping of what clients choose, the request id of the response header,
 * the trace id of {@code traceparent}, the level, the text form, and what never appears.
 */
class AccessLogTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String LOGGER = "io.fasterapi.web.access - ";

    static App app() {
        App app = App.create();
        app.get("/items/{item_id}", req -> Map.of("id", req.pathParam("item_id")));
        app.get("/hello", req -> Response.text("hello"));
        return app;
    }

    static ServerOptions.Builder json() {
        return ServerOptions.builder().accessLog(true).accessLogFormat(AccessLogFormat.JSON);
    }

    @Test
    void jsonLineNamesRouteRequestAndTraceButNoQueryNoCredentialsNoPathVariables() throws IOException {
        try (TestClient client = TestClient.of(app(), json());
             LogLines logs = LogLines.capture();
             RawHttp conn = new RawHttp(client.port(), 5000)) {
            RawHttp.Reply reply = conn.exchange("GET /items/4217?password=hunter2&token=qtoken HTTP/1.1\r\nHost: t\r\n"
                    + "Authorization: Bearer authsecret\r\nCookie: session=cookiesecret\r\n"
                    + "traceparent: 00-" + TRACE_ID + "-00f067aa0ba902b7-01\r\nUser-Agent: probe/1.0\r\n\r\n");
            assertThat(reply.status()).isEqualTo(200);

            LogLine line = logs.await(1).get(0);
            assertThat(line.level()).isEqualTo("INFO");
            Map<String, Object> fields = line.json();
            assertThat(fields.keySet()).containsExactly("time", "request_id", "trace_id", "method", "route", "path",
                    "status", "duration_ms", "bytes", "remote", "user_agent");
            assertThat((String) fields.get("time")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(fields.get("request_id")).isEqualTo(header(reply, "x-request-id")); // a new one: none was sent
            assertThat(fields.get("trace_id")).isEqualTo(TRACE_ID);
            assertThat(fields.get("method")).isEqualTo("GET");
            assertThat(fields.get("route")).isEqualTo("/items/{item_id}");
            assertThat(fields.get("path")).isNull();
            assertThat(fields.get("status")).isEqualTo(200);
            assertThat(((Number) fields.get("duration_ms")).doubleValue()).isPositive().isLessThan(5000);
            assertThat(fields.get("bytes")).isEqualTo(reply.body().length);
            assertThat(fields.get("remote")).isEqualTo("127.0.0.1");
            assertThat(fields.get("user_agent")).isEqualTo("probe/1.0");
            assertThat(logs.text()).doesNotContain("hunter2", "qtoken", "password", "authsecret", "Bearer",
                    "cookiesecret", "4217");
        }
    }

    @Test
    void clientChosenStringsAreEscapedSoTheLineStaysOneValidJsonObject() throws IOException {
        try (TestClient client = TestClient.of(app(), json());
             LogLines logs = LogLines.capture();
             RawHttp conn = new RawHttp(client.port(), 5000)) {
            String request = "GET /nope%0A%7B%22forged%22:1%7D%5C%01%7F%E2%80%A8%E2%82%AC%F0%9F%98%80?password=hunter2"
                    + " HTTP/1.1\r\nHost: t\r\nX-Request-Id: alog-escape-1\r\n"
                    + "User-Agent: probe \"quoted\" back\\slash\ttab\r\n\r\n";
            RawHttp.Reply reply = conn.exchange(request);
            assertThat(reply.status()).isEqualTo(404);

            LogLine line = logs.await(1).get(0);
            Map<String, Object> fields = line.json();
            assertThat(fields.get("request_id")).isEqualTo("alog-escape-1").isEqualTo(header(reply, "x-request-id"));
            assertThat(fields.get("route")).isNull();
            assertThat(fields.get("path")).isEqualTo("/nope\n{\"forged\":1}\\\u0001\u007f\u2028€😀");
            assertThat(fields.get("user_agent")).isEqualTo("probe \"quoted\" back\\slash\ttab");
            assertThat(fields.get("trace_id")).isNull();
            assertThat(fields.get("status")).isEqualTo(404);
            assertThat(line.message()).contains("\\n{\\\"forged\\\":1}\\\\\\u0001\\u007f\\u2028€😀",
                    "probe \\\"quoted\\\" back\\\\slash\\ttab");
            assertThat(logs.text()).doesNotContain("hunter2");
        }
    }

    @Test
    void traceIdIsNullUnlessTraceparentIsValid() throws IOException {
        String zeros = "00000000000000000000000000000000";
        List<String> headers = List.of("", "traceparent: garbage\r\n",
                "traceparent: 00-" + zeros + "-00f067aa0ba902b7-01\r\n",
                "traceparent: 00-" + TRACE_ID.toUpperCase() + "-00f067aa0ba902b7-01\r\n",
                "traceparent: 00-" + TRACE_ID + "-00f067aa0ba902b7-01\r\n");
        try (TestClient client = TestClient.of(app(), json());
             LogLines logs = LogLines.capture();
             RawHttp conn = new RawHttp(client.port(), 5000)) {
            for (int i = 0; i < headers.size(); i++) {
                assertThat(conn.exchange("GET /hello HTTP/1.1\r\nHost: t\r\nX-Request-Id: trace-" + i + "\r\n"
                        + headers.get(i) + "\r\n").status()).isEqualTo(200);
            }
            Map<Object, Object> traceIds = new HashMap<>();
            for (LogLine line : logs.await(headers.size())) {
                traceIds.put(line.json().get("request_id"), line.json().get("trace_id"));
            }
            assertThat(traceIds).hasSize(5).containsEntry("trace-0", null).containsEntry("trace-1", null)
                    .containsEntry("trace-2", null).containsEntry("trace-3", null).containsEntry("trace-4", TRACE_ID);
        }
    }

    @Test
    void writesAtTheConfiguredLevelAndNothingBelowTheLoggersOrWhenOff() throws IOException, InterruptedException {
        try (TestClient debug = TestClient.of(app(), json().accessLogLevel(Level.DEBUG));
             TestClient off = TestClient.of(app(), ServerOptions.builder().accessLogFormat(AccessLogFormat.JSON));
             TestClient warn = TestClient.of(app(), json().accessLogLevel(Level.WARN));
             LogLines logs = LogLines.capture()) {
            assertThat(debug.get("/hello", "X-Request-Id", "at-debug").status()).isEqualTo(200);
            assertThat(off.get("/hello", "X-Request-Id", "when-off").status()).isEqualTo(200);
            assertThat(warn.get("/hello", "X-Request-Id", "at-warn").status()).isEqualTo(200);
            LogLine line = logs.await(1).get(0);
            assertThat(line.level()).isEqualTo("WARN");
            assertThat(line.json().get("request_id")).isEqualTo("at-warn");
            Thread.sleep(300); // the others' lines, were they written, would be out by now
            assertThat(logs.lines()).hasSize(1);
            assertThat(logs.text()).doesNotContain("at-debug", "when-off");
        }
    }

    @Test
    void textFormIsMethodPathStatusTimeAndRequestIdWithoutTheQuery() throws IOException {
        try (TestClient client = TestClient.of(app(), ServerOptions.builder().accessLog(true));
             LogLines logs = LogLines.capture()) {
            TestResponse r = client.get("/hello?password=hunter2", "X-Request-Id", "text-1");
            assertThat(r.status()).isEqualTo(200);
            LogLine line = logs.await(1).get(0);
            assertThat(line.level()).isEqualTo("INFO");
            assertThat(line.message()).matches("GET /hello 200 \\d+us \\[request text-1\\]");
            assertThat(logs.text()).doesNotContain("hunter2");
        }
    }

    @Test
    void textFormEscapesControlCharactersSoAClientCannotForgeALine() throws IOException {
        try (TestClient client = TestClient.of(app(), ServerOptions.builder().accessLog(true));
             LogLines logs = LogLines.capture();
             RawHttp conn = new RawHttp(client.port(), 5000)) {
            RawHttp.Reply reply = conn.exchange("GET /nope%0AGET%20/admin%20200%5C%E2%80%A8 HTTP/1.1\r\nHost: t\r\n"
                    + "X-Request-Id: text-escape-1\r\n\r\n");
            assertThat(reply.status()).isEqualTo(404);
            LogLine line = logs.await(1).get(0);
            assertThat(line.message()).doesNotContain("\n").doesNotContain("\u2028")
                    .startsWith("GET /nope\\u000aGET /admin 200\\\\\\u2028 404 ");
        }
    }

    @Test
    void headAnswerCountsNoBodyBytes() throws IOException {
        try (TestClient client = TestClient.of(app(), json());
             LogLines logs = LogLines.capture()) {
            assertThat(client.send("HEAD", "/hello", null, null).status()).isEqualTo(200);
            Map<String, Object> fields = logs.await(1).get(0).json();
            assertThat(fields.get("method")).isEqualTo("HEAD");
            assertThat(fields.get("bytes")).isEqualTo(0);
            assertThat(fields.get("route")).isEqualTo("/hello");
        }
    }

    private static String header(RawHttp.Reply reply, String name) {
        for (String line : reply.head().split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        throw new AssertionError("no " + name + " in " + reply.head());
    }

    /** One access-log line as slf4j-simple wrote it: {@code [thread] LEVEL io.fasterapi.web.access - message}. */
    record LogLine(String level, String message) {
        Map<String, Object> json() {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = JSON.readValue(message, LinkedHashMap.class);
            return fields;
        }
    }

    /** System.err (slf4j-simple's target) copied while open, read as access-log lines. */
    static final class LogLines implements AutoCloseable {
        private final CapturedStderr captured = CapturedStderr.start();

        static LogLines capture() {
            return new LogLines();
        }

        String text() {
            return captured.text();
        }

        List<LogLine> lines() {
            List<LogLine> lines = new ArrayList<>();
            for (String l : text().split("\n", -1)) {
                int at = l.indexOf(LOGGER);
                if (at > 0) {
                    String before = l.substring(0, at).trim();
                    lines.add(new LogLine(before.substring(before.lastIndexOf(' ') + 1), l.substring(at + LOGGER.length())));
                }
            }
            return lines;
        }

        /** The access-log lines once there are at least {@code n} (written after the response, so waited for). */
        List<LogLine> await(int n) {
            long end = System.nanoTime() + 5_000_000_000L;
            List<LogLine> lines;
            while ((lines = lines()).size() < n) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("expected " + n + " access-log lines, got: " + text());
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
            return lines;
        }

        @Override
        public void close() {
            captured.close();
        }
    }
}
