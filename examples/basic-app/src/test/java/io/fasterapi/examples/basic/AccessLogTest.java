package io.fasterapi.examples.basic;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.testing.CapturedStderr;
import io.fasterapi.web.TestClient;
import io.fasterapi.web.TestResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shop with the server options its {@code main} uses: each request leaves one JSON access-log line
 * (slf4j-simple, System.err) naming its route and trace, and none of the query or the credentials.
 */
class AccessLogTest {
    static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    @Test
    void eachRequestLogsOneJsonLineWithoutQueryOrCredentials() throws InterruptedException {
        CapturedStderr captured = CapturedStderr.start();
        try (captured;
             ShopDb db = new ShopDb(AccessLogTest.class);
             TestClient client = TestClient.of(BasicApp.create(db.pool), BasicApp.serverOptions(Map.of()).toBuilder())) {
            TestResponse r = client.get("/items/1?password=hunter2", "Authorization", "Bearer s3cr3t-token",
                    "traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01", "X-Request-Id", "shop-log-1");
            assertThat(r.status()).isEqualTo(200);
            Map<?, ?> line = awaitLine(captured, "shop-log-1");
            assertThat(line.get("request_id")).isEqualTo("shop-log-1");
            assertThat(line.get("trace_id")).isEqualTo(TRACE_ID);
            assertThat(line.get("method")).isEqualTo("GET");
            assertThat(line.get("route")).isEqualTo("/items/{itemId}");
            assertThat(line.get("status")).isEqualTo(200);
            assertThat(line.get("bytes")).isEqualTo(r.text().getBytes(StandardCharsets.UTF_8).length);
        }
        assertThat(captured.text()).contains("INFO io.fasterapi.web.access - {")
                .doesNotContain("hunter2", "s3cr3t-token");
    }

    private static Map<?, ?> awaitLine(CapturedStderr captured, String requestId) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < end) {
            Optional<String> line = captured.text().lines()
                    .filter(l -> l.contains("io.fasterapi.web.access - ") && l.contains("\"" + requestId + "\""))
                    .findFirst();
            if (line.isPresent()) {
                String json = line.get().substring(line.get().indexOf(" - ") + 3);
                return JsonMapper.builder().build().readValue(json, LinkedHashMap.class);
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no access-log line for " + requestId + " in: " + captured.text());
    }
}
