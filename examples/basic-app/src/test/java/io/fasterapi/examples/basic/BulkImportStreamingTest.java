package io.fasterapi.examples.basic;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import io.fasterapi.web.ServerOptions;
import io.fasterapi.web.TestClient;
import io.fasterapi.web.TestResponse;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /items/bulk} streams its body into COPY: a body 50 times {@code maxBodySize} goes
 * through with at most a bounded number of its bytes in memory at any time, a cut connection loads
 * nothing, a bad row loads nothing.
 */
class BulkImportStreamingTest {
    static final int MAX_BODY_SIZE = 1024 * 1024;
    /** What the server may hold of a streamed body: its high-water mark plus a socket read or two. */
    static final long BUFFER_BOUND = 256 * 1024;
    static ShopDb db;
    static PgPool pool;
    static SimpleMeterRegistry registry = new SimpleMeterRegistry();
    static TestClient client;

    @BeforeAll
    static void start() {
        db = new ShopDb(BulkImportStreamingTest.class);
        pool = db.pool;
        client = TestClient.of(BasicApp.create(pool).metrics(registry), ServerOptions.builder().maxBodySize(MAX_BODY_SIZE));
    }

    @AfterAll
    static void stop() {
        client.close();
        db.close();
    }

    private static long scalar(String sql) {
        try (Pg pg = pool.get()) {
            return pg.exec(sql).scalar(Number.class).longValue();
        }
    }

    @Test
    void fiftyMegabyteChunkedCsvIsCopiedInBoundedMemory() throws Exception {
        long before = scalar("SELECT count(*) FROM items");
        CsvRows csv = new CsvRows(50L * 1000 * 1000);
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(client.baseUri() + "/items/bulk"))
                    .timeout(Duration.ofMinutes(2)).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> csv)) // unknown length: chunked
                    .build();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(csv.bytes).isGreaterThan(47L * MAX_BODY_SIZE); // 50 MB, far past maxBodySize (1 MiB)
            assertThat(r.body()).isEqualTo("{\"rows\":" + csv.rows + "}");
        }
        assertThat(scalar("SELECT count(*) FROM items")).isEqualTo(before + csv.rows);
        DistributionSummary peaks = registry.get("http.server.requests.body.buffered").summary();
        assertThat(peaks.count()).isGreaterThanOrEqualTo(1);
        assertThat(peaks.max()).isPositive().isLessThanOrEqualTo(BUFFER_BOUND);
    }

    @Test
    void aConnectionCutMidBodyLoadsNothing() throws Exception {
        long before = scalar("SELECT count(*) FROM items");
        try (Socket s = new Socket("127.0.0.1", client.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /items/bulk HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new CsvRows(Long.MAX_VALUE).readNBytes(32 * 1024);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (activeCopies() == 0) { // the COPY has started and taken rows
                assertThat(System.nanoTime()).as("the COPY never started").isLessThan(deadline);
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            s.setSoLinger(true, 0); // a reset, as when a client dies
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (activeCopies() > 0) {
            assertThat(System.nanoTime()).as("the COPY was not aborted").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(scalar("SELECT count(*) FROM items")).isEqualTo(before);
        assertThat(client.get("/hello").status()).isEqualTo(200); // the server is fine
    }

    private static long activeCopies() {
        return scalar("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY items%' AND state = 'active'");
    }

    @Test
    void aBadRowIs422WithoutSqlAndLoadsNothing() {
        long before = scalar("SELECT count(*) FROM items");
        byte[] body = "Delta,4.00\nEpsilon,not-a-price\nZeta,1.00\n".getBytes(StandardCharsets.UTF_8);
        TestResponse bad = client.postRaw("/items/bulk", "text/csv", body);
        // Checked as a JSON body is (CsvImportValidationTest), before the database sees the row.
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json(Map.class)).isEqualTo(Map.of("detail", java.util.List.of(Map.of("type", "float_parsing",
                "loc", java.util.List.of("body", 1, "price"),
                "msg", "Input should be a valid number, unable to parse string as a number", "input", "not-a-price"))));
        assertThat(bad.text()).doesNotContainIgnoringCase("copy").doesNotContain("numeric").doesNotContain("Epsilon");
        assertThat(scalar("SELECT count(*) FROM items")).isEqualTo(before);
    }

    @Test
    void theOpenApiDocumentShowsACsvRequestBody() {
        String doc = client.get("/openapi.json").text();
        assertThat(doc).contains("\"requestBody\":{\"content\":{\"text/csv\":{\"schema\":{\"type\":\"string\","
                + "\"format\":\"binary\"}}},\"required\":true}");
    }

    /** Generated CSV rows {@code name,price} up to at least {@code size} bytes, counted as they are read. */
    static final class CsvRows extends InputStream {
        private final long size;
        private byte[] line = new byte[0];
        private int pos;
        long rows;
        long bytes;

        CsvRows(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int done = 0;
            while (done < len) {
                if (pos == line.length) {
                    if (bytes >= size) {
                        break;
                    }
                    rows++;
                    line = ("item-" + rows + "," + (rows % 10_000) + "." + (rows % 100) / 10 + "5\n")
                            .getBytes(StandardCharsets.US_ASCII);
                    pos = 0;
                }
                int n = Math.min(len - done, line.length - pos);
                System.arraycopy(line, pos, b, off + done, n);
                pos += n;
                bytes += n;
                done += n;
            }
            return done == 0 && len > 0 ? -1 : done;
        }
    }
}
