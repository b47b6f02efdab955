package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A plain {@code float} field accepts NaN and the infinities written as text, in any case and with a sign, as
 * pydantic 2 does ({@code allow_inf_nan} defaults to true; pydantic-core parses text as Rust's {@code f64} does):
 * in a query parameter and as a JSON string in a body. Other text stays {@code float_parsing}.
 */
class FloatTextParityTest {
    static TestClient client;

    public record Reading(double value) {
    }

    public static final class Routes {
        @Get("/q")
        public Map<String, Object> query(@Query("x") double x) {
            return Map.of("nan", Double.isNaN(x), "infinite", Double.isInfinite(x), "negative", x < 0);
        }

        @Post("/b")
        public Map<String, Object> body(@Body Reading r) {
            return Map.of("nan", Double.isNaN(r.value()), "infinite", Double.isInfinite(r.value()), "negative", r.value() < 0);
        }
    }

    @BeforeAll
    static void start() {
        client = TestClient.of(App.create().include(new Routes()));
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void nanAndInfinitiesAsTextAreFloats() {
        for (String text : List.of("nan", "NaN", "NAN", "+nan", "-nan")) {
            assertThat(client.get("/q?x=" + text.replace("+", "%2B")).json(Map.class)).as(text)
                    .containsEntry("nan", true);
            assertThat(client.post("/b", Map.of("value", text)).json(Map.class)).as(text).containsEntry("nan", true);
        }
        for (String text : List.of("inf", "INF", "+Infinity", "infinity")) {
            assertThat(client.get("/q?x=" + text.replace("+", "%2B")).json(Map.class)).as(text)
                    .containsEntry("infinite", true).containsEntry("negative", false);
            assertThat(client.post("/b", Map.of("value", text)).json(Map.class)).as(text)
                    .containsEntry("infinite", true).containsEntry("negative", false);
        }
        for (String text : List.of("-inf", "-Infinity", "-INF")) {
            assertThat(client.get("/q?x=" + text).json(Map.class)).as(text).containsEntry("infinite", true)
                    .containsEntry("negative", true);
            assertThat(client.post("/b", Map.of("value", text)).json(Map.class)).as(text)
                    .containsEntry("infinite", true).containsEntry("negative", true);
        }
    }

    @Test
    void otherTextIsStillFloatParsing() {
        for (String text : List.of("nana", "in", "infinit", "n a n", "0x1p3")) {
            TestResponse q = client.get("/q?x=" + text.replace(" ", "%20"));
            assertThat(q.status()).as(text).isEqualTo(422);
            assertThat(q.text()).as(text).contains("\"type\":\"float_parsing\"");
            TestResponse b = client.post("/b", Map.of("value", text));
            assertThat(b.status()).as(text).isEqualTo(422);
            assertThat(b.text()).as(text).contains("\"type\":\"float_parsing\"");
        }
    }
}
