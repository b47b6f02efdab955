package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JSON has no NaN or Infinity: a response writes them as {@code null}, as pydantic 2 does by default
 * ({@code ser_json_inf_nan='null'}), never as the strings {@code "NaN"} or {@code "Infinity"} where the
 * schema says number. Finite values, -0.0 and the extremes are written as before.
 */
class NonFiniteJsonTest {
    static TestClient client;

    public record Stats(double mean, float ratio, Double max, Float min, double[] samples, float[] weights,
            List<Double> history) {
    }

    public static final class StatsRoutes {
        @Get("/stats")
        public Stats stats() {
            return new Stats(Double.NaN, Float.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Float.NaN,
                    new double[] {1.5, Double.NaN, Double.POSITIVE_INFINITY, -0.0}, new float[] {Float.NEGATIVE_INFINITY, 2.5f},
                    Arrays.asList(Double.NaN, 3.0, null));
        }

        @Get("/finite")
        public Stats finite() {
            return new Stats(0.1, 1.5f, Double.MAX_VALUE, Float.MIN_VALUE, new double[] {-0.0, 1e-300}, new float[] {},
                    List.of(2.0));
        }
    }

    @BeforeAll
    static void start() {
        App app = App.create().include(new StatsRoutes());
        app.get("/map", req -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sum", Double.NaN);
            m.put("avg", Float.NEGATIVE_INFINITY);
            m.put("ok", 2.25);
            return m;
        });
        client = TestClient.of(app);
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void nanAndInfinitiesAreWrittenAsNullAsPydanticDoes() {
        TestResponse r = client.get("/stats");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("{\"mean\":null,\"ratio\":null,\"max\":null,\"min\":null,"
                + "\"samples\":[1.5,null,null,-0.0],\"weights\":[null,2.5],\"history\":[null,3.0,null]}");
        assertThat(r.text()).doesNotContain("NaN").doesNotContain("Infinity");
    }

    @Test
    void valuesInAMapAreWrittenAsNullToo() {
        assertThat(client.get("/map").text()).isEqualTo("{\"sum\":null,\"avg\":null,\"ok\":2.25}");
    }

    @Test
    void finiteValuesAreWrittenAsBefore() {
        assertThat(client.get("/finite").text()).isEqualTo("{\"mean\":0.1,\"ratio\":1.5,\"max\":1.7976931348623157E308,"
                + "\"min\":1.4E-45,\"samples\":[-0.0,1.0E-300],\"weights\":[],\"history\":[2.0]}");
    }
}
