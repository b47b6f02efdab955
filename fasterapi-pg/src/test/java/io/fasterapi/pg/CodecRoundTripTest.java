package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every codec both ways against the server: a value is sent as a binary parameter, the server checks
 * it {@code IS NOT DISTINCT FROM} the same value parsed from its text form, sends it back in binary
 * (extended protocol) and in text (simple protocol), and both decode to the original.
 */
class CodecRoundTripTest {
    static PgTestDb db;
    static Pg pg;

    @BeforeAll
    static void setUp() {
        db = new PgTestDb(CodecRoundTripTest.class);
        pg = db.pool.get();
    }

    @AfterAll
    static void tearDown() {
        pg.close();
        db.close();
    }

    record Gen(String type, Function<Random, Object> value, Function<Object, String> literal) {
        @Override
        public String toString() {
            return type;
        }
    }

    static final List<Gen> GENERATORS = List.of(
            new Gen("int2", r -> (short) r.nextInt(), String::valueOf),
            new Gen("int4", Random::nextInt, String::valueOf),
            new Gen("int8", Random::nextLong, String::valueOf),
            new Gen("float8", r -> Double.longBitsToDouble(r.nextLong()), v -> Double.isNaN((Double) v) ? "NaN" : String.valueOf(v)),
            new Gen("float4", r -> Float.intBitsToFloat(r.nextInt()), v -> Float.isNaN((Float) v) ? "NaN" : String.valueOf(v)),
            new Gen("numeric", r -> new BigDecimal(new BigInteger(r.nextInt(200) + 1, r).multiply(
                    BigInteger.valueOf(r.nextBoolean() ? 1 : -1)), r.nextInt(60)), v -> ((BigDecimal) v).toPlainString()),
            new Gen("text", CodecRoundTripTest::randomText, v -> (String) v),
            new Gen("bool", Random::nextBoolean, String::valueOf),
            new Gen("uuid", r -> new UUID(r.nextLong(), r.nextLong()), String::valueOf),
            new Gen("bytea", r -> {
                byte[] b = new byte[r.nextInt(300)];
                r.nextBytes(b);
                return b;
            }, v -> "\\x" + java.util.HexFormat.of().formatHex((byte[]) v)),
            new Gen("date", r -> LocalDate.ofEpochDay(r.nextLong(-2_400_000, 2_900_000)), CodecRoundTripTest::dateLiteral),
            new Gen("time", r -> LocalTime.ofNanoOfDay(r.nextLong(86_400_000_000L) * 1000), String::valueOf),
            new Gen("timestamp", r -> LocalDateTime.ofEpochSecond(r.nextLong(-200_000_000_000L, 9_000_000_000_000L) / 1000,
                    r.nextInt(1_000_000) * 1000, ZoneOffset.UTC), v -> tsLiteral((LocalDateTime) v)),
            new Gen("timestamptz", r -> OffsetDateTime.ofInstant(Instant.ofEpochSecond(r.nextLong(-60_000_000_000L, 9_000_000_000_000L) / 1000,
                    r.nextInt(1_000_000) * 1000), ZoneOffset.UTC), v -> tsLiteral(((OffsetDateTime) v).toLocalDateTime()) + "+00"));

    static String randomText(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(40);
        for (int i = 0; i < n; i++) {
            int cp;
            do {
                cp = switch (r.nextInt(4)) {
                    case 0 -> 32 + r.nextInt(95);
                    case 1 -> 0x300 + r.nextInt(0x70);       // combining marks
                    case 2 -> 0x1F600 + r.nextInt(0x50);     // emoji
                    default -> 1 + r.nextInt(0xD7FF);
                };
            } while (cp == 0);
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    static String dateLiteral(Object v) {
        LocalDate d = (LocalDate) v;
        return d.getYear() <= 0 ? d.withYear(1 - d.getYear()) + " BC" : d.toString();
    }

    static String tsLiteral(LocalDateTime t) {
        return dateLiteral(t.toLocalDate()).replace(" BC", "") + " " + t.toLocalTime() + (t.getYear() <= 0 ? " BC" : "");
    }

    static List<Object[]> cases() {
        List<Object[]> out = new ArrayList<>();
        long base = Long.getLong("codec.seed", System.nanoTime());
        for (Gen g : GENERATORS) {
            out.add(new Object[] {g, base + g.type().hashCode()});
        }
        return out;
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("cases")
    void roundTripsRandomValues(Gen gen, long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < 60; i++) {
            Object v = gen.value().apply(r);
            String lit = gen.literal().apply(v);
            String where = gen.type() + " value " + lit + " (replay with -Dcodec.seed=" + (seed - gen.type().hashCode()) + ")";
            Row row = pg.exec("SELECT $1::" + gen.type() + " IS NOT DISTINCT FROM $2::text::" + gen.type() + ", $1::"
                    + gen.type(), v, lit).one();
            assertThat(row.getBoolean(0)).as(where).isTrue();
            assertEqual(row.get(1), v, where);
            Object text = pg.script("SELECT '" + lit.replace("'", "''") + "'::" + gen.type()).get(0).scalar();
            assertEqual(text, v, where + " (text format)");
        }
    }

    private static void assertEqual(Object actual, Object expected, String where) {
        if (expected instanceof byte[] b) {
            assertThat((byte[]) actual).as(where).isEqualTo(b);
        } else if (expected instanceof Double d) {
            assertThat(Double.doubleToLongBits((Double) actual)).as(where).isEqualTo(Double.doubleToLongBits(d));
        } else if (expected instanceof Float f) {
            assertThat(Float.floatToIntBits((Float) actual)).as(where).isEqualTo(Float.floatToIntBits(f));
        } else {
            assertThat(actual).as(where).isEqualTo(expected);
        }
    }

    private Object echo(String type, Object v) {
        return pg.exec("SELECT $1::" + type, v).scalar();
    }

    @Test
    void floatEdgesSurvive() {
        for (double d : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE,
                Double.MAX_VALUE}) {
            assertEqual(echo("float8", d), d, "float8 " + d);
        }
        assertEqual(echo("float4", -0.0f), -0.0f, "float4 -0");
        assertThat(pg.script("SELECT '-0'::float8 a, 'NaN'::float4 b, '-Infinity'::float8 c").get(0).one().toMap().values())
                .containsExactly(-0.0, Float.NaN, Double.NEGATIVE_INFINITY);
    }

    @Test
    void integerEdgesAndOverflowFailClearly() {
        assertThat(echo("int8", Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
        assertThat(echo("int8", Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(echo("int2", (short) -32768)).isEqualTo((short) -32768);
        assertThat(echo("int8", 5)).isEqualTo(5L);
        assertThat(echo("oid", 4_000_000_000L)).isEqualTo(4_000_000_000L);
        assertThatThrownBy(() -> echo("int4", 1L << 40)).isInstanceOf(PgException.class).hasMessageContaining("parameter $1");
    }

    @Test
    void numericKeepsScaleAndMapsSpecials() {
        assertThat(echo("numeric", new BigDecimal("1.50"))).isEqualTo(new BigDecimal("1.50"));
        assertThat(pg.exec("SELECT 1.50::numeric").scalar()).isEqualTo(new BigDecimal("1.50"));
        assertThat(echo("numeric", new BigDecimal("0.00000001"))).isEqualTo(new BigDecimal("0.00000001"));
        assertThat(echo("numeric", new BigDecimal("1E+20"))).isEqualTo(new BigDecimal("100000000000000000000"));
        assertThat(echo("numeric", new BigDecimal("0.000"))).isEqualTo(new BigDecimal("0.000"));
        assertThat(pg.exec("SELECT 'NaN'::numeric").scalar()).isEqualTo(Double.NaN);
        assertThat(echo("numeric", Double.NaN)).isEqualTo(Double.NaN);
        assertThatThrownBy(() -> pg.exec("SELECT 'NaN'::numeric").scalar(BigDecimal.class)).isInstanceOf(PgException.class);
        assertThat(pg.exec("SELECT $1::numeric * 2", 21).scalar(Integer.class)).isEqualTo(42);
    }

    @Test
    void dateTimeInfinityAndBc() {
        assertThat(pg.exec("SELECT 'infinity'::date a, '-infinity'::timestamp b, 'infinity'::timestamptz c").one().toMap().values())
                .containsExactly(LocalDate.MAX, LocalDateTime.MIN, OffsetDateTime.MAX);
        assertThat(pg.exec("SELECT $1::date = 'infinity'", LocalDate.MAX).scalar()).isEqualTo(true);
        assertThat(pg.exec("SELECT $1::timestamptz = '-infinity'", Instant.MIN).scalar()).isEqualTo(true);
        assertThat(pg.exec("SELECT '0044-03-15 BC'::date").scalar()).isEqualTo(LocalDate.of(-43, 3, 15));
        assertThat(pg.script("SELECT '0044-03-15 BC'::date a, '2024-02-29 12:00:00+05:30'::timestamptz b").get(0).one().toMap().values())
                .containsExactly(LocalDate.of(-43, 3, 15), OffsetDateTime.of(2024, 2, 29, 6, 30, 0, 0, ZoneOffset.UTC));
        assertThat(pg.exec("SELECT '24:00:00'::time").scalar()).isEqualTo(LocalTime.MAX); // TimeEndOfDayTest
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        assertThat(pg.exec("SELECT $1::timestamptz", now).one().get(0, Instant.class)).isEqualTo(now);
    }

    @Test
    void largeTextAndByteaAndJson() {
        String big = "é".repeat(512 * 1024);
        assertThat(echo("text", big)).isEqualTo(big);
        byte[] blob = new byte[1 << 20];
        new Random(7).nextBytes(blob);
        assertThat((byte[]) echo("bytea", blob)).isEqualTo(blob);
        assertThat(echo("jsonb", "{\"a\": [1, 2]}")).isEqualTo("{\"a\": [1, 2]}");
        assertThat(echo("json", "{\"b\":1}")).isEqualTo("{\"b\":1}");
        assertThat(echo("varchar", "v")).isEqualTo("v");
        assertThat(echo("name", "n")).isEqualTo("n");
        assertThat(pg.exec("SELECT 'ab'::char(4)").scalar()).isEqualTo("ab  ");
    }

    enum Mood { HAPPY, SAD }

    @Test
    void enumsTravelAsStringsOrJavaEnumsAndUnknownTypesFallBackToText() {
        pg.exec("CREATE TYPE mood AS ENUM ('HAPPY', 'SAD')");
        assertThat(pg.exec("SELECT $1::mood", Mood.SAD).scalar()).isEqualTo("SAD");
        assertThat(pg.exec("SELECT $1::mood", "HAPPY").scalar(Mood.class)).isEqualTo(Mood.HAPPY);
        assertThat(pg.exec("SELECT '1 day'::interval").scalar()).isEqualTo(new Interval(0, 1, 0));
        assertThat(pg.exec("SELECT '192.168.0.1/24'::inet").scalar()).isEqualTo(Inet.parse("192.168.0.1/24"));
        // A type with no codec (tsvector) comes back as its text form.
        assertThat(pg.exec("SELECT 'a fat cat'::tsvector").scalar()).isEqualTo("'a' 'cat' 'fat'");
    }

    @Test
    void nullsTravelBothWays() {
        Row r = pg.exec("SELECT $1::int, $2::text, $3::uuid", null, null, null).one();
        assertThat(r.isNull(0)).isTrue();
        assertThat(r.get(1)).isNull();
        assertThat(r.get(2, UUID.class)).isNull();
    }
}
