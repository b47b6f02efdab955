package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * numeric values as the server sends them (numeric_send), decoded through the long fast path and
 * the BigInteger one, compared with the server's own text of the same value: digits and scale.
 */
class NumericFastPathTest {
    static PgTestDb db;

    @BeforeAll
    static void setUp() {
        db = new PgTestDb(NumericFastPathTest.class);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7L, 1_234_567L})
    void serverNumericsDecodeToTheirTextWithScale(long seed) {
        Random r = new Random(seed);
        List<String> texts = new ArrayList<>(List.of("NaN", "Infinity", "-Infinity", "0", "0.000",
                "9223372036854775807", "-9223372036854775808", "9223372036854775808", "999999999999999999",
                "9999999999999999999", "99999999999999999999", "0.000000000000000000000000000001",
                "-922337203685477.5807", "100000000000000000000000000000"));
        for (int i = 0; i < 2_000; i++) {
            int digits = r.nextInt(3) == 0 ? 1 + r.nextInt(40) : 17 + r.nextInt(4);
            BigInteger u = new BigInteger(digits * 4, r).mod(BigInteger.TEN.pow(digits));
            texts.add(new BigDecimal(r.nextBoolean() ? u : u.negate(), r.nextInt(31)).toPlainString());
        }
        try (Pg pg = db.pool.get()) {
            QueryResult result = pg.exec("SELECT t::numeric::text, t::numeric FROM unnest($1::text[]) t",
                    (Object) texts.toArray(new String[0]));
            assertThat(result.all()).hasSize(texts.size());
            for (Row row : result) {
                String text = row.getString(0);
                Object value = row.get(1);
                switch (text) {
                    case "NaN" -> assertThat(value).isEqualTo(Double.NaN);
                    case "Infinity" -> assertThat(value).isEqualTo(Double.POSITIVE_INFINITY);
                    case "-Infinity" -> assertThat(value).isEqualTo(Double.NEGATIVE_INFINITY);
                    default -> assertThat(row.getBigDecimal(1)).as("seed %d: %s", seed, text)
                            .isEqualTo(new BigDecimal(text));
                }
            }
        }
    }
}
