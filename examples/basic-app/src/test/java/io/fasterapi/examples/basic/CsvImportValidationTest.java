package io.fasterapi.examples.basic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.pg.CheckViolationException;
import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import io.fasterapi.web.TestClient;
import io.fasterapi.web.TestResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's case: a CSV row {@code w,NaN} loaded through {@code /items/bulk} made every later
 * {@code /fast} a 500, and {@code w,0.001} was stored as 0.00. Imported rows are now checked as JSON
 * bodies are (the same {@link Item} constraints, which match {@code numeric(12,2)}), answered with
 * FastAPI's 422, and nothing is loaded; the table's CHECK keeps such rows out from any other path.
 */
class CsvImportValidationTest {
    static ShopDb db;
    static PgPool pool;
    static TestClient client;

    @BeforeAll
    static void start() {
        db = new ShopDb(CsvImportValidationTest.class);
        pool = db.pool;
        client = TestClient.of(BasicApp.create(pool));
    }

    @AfterAll
    static void stop() {
        client.close();
        db.close();
    }

    private static long count() {
        try (Pg pg = pool.get()) {
            return pg.exec("SELECT count(*) FROM items").scalar(Long.class);
        }
    }

    private static TestResponse bulk(String csv) {
        return client.postRaw("/items/bulk", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> detail(TestResponse r) {
        return (List<Map<String, Object>>) r.json(Map.class).get("detail");
    }

    private static void fastStillAnswers(long items) {
        TestResponse fast = client.get("/fast");
        assertThat(fast.status()).isEqualTo(200);
        assertThat(((Number) fast.json(Map.class).get("items")).longValue()).isEqualTo(items);
    }

    @Test
    void aNaNPriceIsA422AndFastKeepsWorking() {
        long before = count();
        TestResponse r = bulk("ok,1.00\nw,NaN\n");
        assertThat(r.status()).isEqualTo(422);
        assertThat(detail(r)).containsExactly(Map.of("type", "finite_number", "loc", List.of("body", 1, "price"),
                "msg", "Input should be a finite number", "input", "NaN"));
        assertThat(count()).isEqualTo(before);
        for (String inf : List.of("Infinity", "-inf", " nan")) {
            assertThat(bulk("w," + inf + "\n").status()).isEqualTo(422);
        }
        assertThat(count()).isEqualTo(before);
        fastStillAnswers(before);
    }

    @Test
    void aPriceTheColumnWouldRoundIsA422() {
        long before = count();
        TestResponse r = bulk("w,0.001\n");
        assertThat(r.status()).isEqualTo(422);
        assertThat(detail(r)).extracting(e -> e.get("type"))
                .containsExactlyInAnyOrder("greater_than_equal", "decimal_max_places");
        assertThat(detail(r)).allSatisfy(e -> {
            assertThat(e.get("loc")).isEqualTo(List.of("body", 0, "price"));
            assertThat(e.get("input")).isEqualTo("0.001");
        });
        // Three decimals above a cent are refused too (the column would round 1.005 to 1.01).
        assertThat(detail(bulk("w,1.005\n"))).extracting(e -> e.get("type")).containsExactly("decimal_max_places");
        assertThat(detail(bulk("w,0\n"))).extracting(e -> e.get("type")).containsExactly("greater_than_equal");
        assertThat(count()).isEqualTo(before);
        fastStillAnswers(before);
    }

    @Test
    void everyBadRowIsReportedAndNothingIsLoaded() {
        long before = count();
        TestResponse r = bulk("Delta,4.00\nEpsilon,not-a-price\n,1.00\n\"Zeta, the last\",2.50,extra\nEta,3.00\n");
        assertThat(r.status()).isEqualTo(422);
        List<Map<String, Object>> errors = detail(r);
        assertThat(errors).extracting(e -> e.get("type"), e -> e.get("loc")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("float_parsing", List.of("body", 1, "price")),
                org.assertj.core.groups.Tuple.tuple("string_too_short", List.of("body", 2, "name")),
                org.assertj.core.groups.Tuple.tuple("value_error", List.of("body", 3)));
        assertThat(r.text()).doesNotContainIgnoringCase("copy").doesNotContain("numeric");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void validRowsWithQuotedNamesAreLoadedExactly() {
        long before = count();
        TestResponse r = bulk("\"Widget, large\",1234567890.12\r\n\"Say \"\"hi\"\"\",0.01\nplain,7\n");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json(Map.class)).isEqualTo(Map.of("rows", 3));
        assertThat(count()).isEqualTo(before + 3);
        try (Pg pg = pool.get()) {
            assertThat(pg.exec("SELECT price FROM items WHERE name = 'Widget, large'").scalar(BigDecimal.class))
                    .isEqualByComparingTo("1234567890.12");
            assertThat(pg.exec("SELECT price FROM items WHERE name = 'Say \"hi\"'").scalar(BigDecimal.class))
                    .isEqualByComparingTo("0.01");
        }
        fastStillAnswers(before + 3);
    }

    @Test
    void jsonBodiesGetTheSameConstraints() {
        TestResponse r = client.post("/items", Map.of("id", 0, "name", "w", "price", 0.001));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.text()).contains("\"loc\":[\"body\",\"price\"]").contains("greater_than_equal");
        assertThat(client.post("/items", Map.of("id", 0, "name", "w", "price", 0.01)).status()).isEqualTo(201);
    }

    @Test
    void aLoneSurrogateInAJsonStringIsRefusedAsBadDataNotStoredAsAQuestionMark() {
        long before = count();
        // JSON's escape for a lone high surrogate: a Java String no UTF-8 can carry.
        TestResponse r = client.postRaw("/items", "application/json",
                "{\"id\":0,\"name\":\"a\\ud800b\",\"price\":1.00}".getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json(Map.class)).isEqualTo(Map.of("detail", "Bad Request: the data is invalid for the database"));
        assertThat(count()).isEqualTo(before);
        try (Pg pg = pool.get()) {
            assertThat(pg.exec("SELECT count(*) FROM items WHERE name = 'a?b'").scalar(Long.class)).isZero();
        }
    }

    @Test
    void theTablesCheckKeepsNaNAndRoundedPricesOutOfAnyOtherPath() {
        try (Pg pg = pool.get()) {
            assertThatThrownBy(() -> pg.exec("INSERT INTO items(name, price) VALUES ('w', $1)", Double.NaN))
                    .isInstanceOf(CheckViolationException.class);
            assertThatThrownBy(() -> pg.exec("INSERT INTO items(name, price) VALUES ('w', 0.001)"))
                    .isInstanceOf(CheckViolationException.class);
        }
        fastStillAnswers(count());
    }
}
