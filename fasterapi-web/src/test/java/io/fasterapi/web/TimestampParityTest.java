package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Unix timestamps for dates, datetimes and times, and the NaN / Infinity tokens of a JSON body, each
 * request with the answer FastAPI with pydantic 2 gives, written from their sources:
 * <ul>
 * <li>pydantic docs "Standard Library Types" (datetime, date, time): an int or float, or such a number
 *     as a str, is a Unix time, seconds if its absolute value is at most 2e10, else milliseconds; a
 *     date needs an exact midnight; a time from a number is seconds since midnight.</li>
 * <li>speedate 0.17 (src/date.rs MS_WATERSHED, UNIX_0000, UNIX_9999; src/datetime.rs
 *     parse_bytes_with_config, from_timestamp_with_config, from_float_with_config; src/numbers.rs
 *     float_parse_bytes; the ParseError documentation in src/lib.rs is {@code ctx.error}).</li>
 * <li>pydantic-core 2.41 src/input/input_python.rs validate_datetime / validate_time (a bool is refused
 *     before the int test: {@code datetime_type}), src/input/datetime.rs int_as_datetime, float_as_datetime
 *     ("NaN values not permitted"), int_as_time ("time in seconds should be positive"), the UTC offset
 *     {@code unix_timestamp_offset: Some(0)}; src/validators/date.rs date_from_datetime; validators/
 *     datetime.rs datetime_from_date and TZConstraint ({@code timezone_naive} for NaiveDatetime);
 *     tests/validators/test_datetime.py (1654646400 -> 2022-06-08 UTC, 253_402_300_800_000 "dates after
 *     9999 are not supported as unix timestamps", float('nan') "NaN values not permitted").</li>
 * <li>FastAPI reads a JSON body with Python's json.loads (NaN, Infinity, -Infinity accepted; any other
 *     spelling is "Expecting value") and validates the Python values; pydantic's float accepts NaN and
 *     the infinities (allow_inf_nan), its int answers {@code finite_number}.</li>
 * </ul>
 */
class TimestampParityTest {
    static TestClient client;
    static final JsonMapper JSON = JsonMapper.builder().build();

    public record Day(LocalDate day) {
    }

    public record Aware(OffsetDateTime at) {
    }

    public record Naive(LocalDateTime at) {
    }

    public record Moment(Instant at) {
    }

    public record Clock(LocalTime t) {
    }

    public record Price(double price) {
    }

    public record Quantity(int quantity) {
    }

    public static class Routes {
        @Get("/q/date")
        public Map<String, String> qDate(LocalDate d) {
            return Map.of("v", d.toString());
        }

        @Get("/q/aware")
        public Map<String, String> qAware(OffsetDateTime at) {
            return Map.of("v", at.toString());
        }

        @Get("/q/naive")
        public Map<String, String> qNaive(LocalDateTime at) {
            return Map.of("v", at.toString());
        }

        @Get("/q/time")
        public Map<String, String> qTime(LocalTime t) {
            return Map.of("v", t.toString());
        }

        @Get("/p/{at}")
        public Map<String, String> path(Instant at) {
            return Map.of("v", at.toString());
        }

        @Get("/h")
        public Map<String, String> header(@Header OffsetDateTime at) {
            return Map.of("v", at.toString());
        }

        @Get("/c")
        public Map<String, String> cookie(@Cookie LocalDate day) {
            return Map.of("v", day.toString());
        }

        @Post("/day")
        public Map<String, String> day(Day d) {
            return Map.of("v", d.day().toString());
        }

        @Post("/aware")
        public Map<String, String> aware(Aware a) {
            return Map.of("v", a.at().toString());
        }

        @Post("/naive")
        public Map<String, String> naive(Naive n) {
            return Map.of("v", n.at().toString());
        }

        @Post("/moment")
        public Map<String, String> moment(Moment m) {
            return Map.of("v", m.at().toString());
        }

        @Post("/clock")
        public Map<String, String> clock(Clock c) {
            return Map.of("v", c.t().toString());
        }

        @Post("/price")
        public Price price(Price p) {
            return p;
        }

        @Post("/quantity")
        public Quantity quantity(Quantity q) {
            return q;
        }
    }

    record Case(String name, String method, String path, String[] headers, String body, int status,
                String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Case> CASES = new ArrayList<>();

    static void get(String name, String path, int status, String expected, String... headers) {
        CASES.add(new Case(name, "GET", path, headers, null, status, expected));
    }

    static void json(String name, String path, String body, int status, String expected) {
        CASES.add(new Case(name, "POST", path, new String[0], body, status, expected));
    }

    static String ok(String v) {
        return "{\"v\":\"" + v + "\"}";
    }

    /** One error; {@code input} is JSON; {@code error} (ctx.error, appended to the message) may be null. */
    static String error(String type, String loc, String msg, String error, String input) {
        String m = error == null ? msg : msg + ", " + error;
        return "{\"detail\":[{\"type\":\"" + type + "\",\"loc\":" + loc + ",\"msg\":\"" + m + "\",\"input\":" + input
                + (error == null ? "" : ",\"ctx\":{\"error\":\"" + error + "\"}") + "}]}";
    }

    static final String DATE = "Input should be a valid date or datetime";
    static final String DATETIME = "Input should be a valid datetime";
    static final String DATETIME_OR_DATE = "Input should be a valid datetime or date";
    static final String TIME = "Input should be in a valid time format";
    static final String INEXACT = "Datetimes provided to dates should have zero time - e.g. be exact dates";
    static final String AFTER_9999 = "dates after 9999 are not supported as unix timestamps";
    static final String BEFORE_0000 = "dates before 0000 are not supported as unix timestamps";
    static final String TOO_LONG = "numeric times may not exceed 86,399 seconds";
    static final String NAN = "NaN values not permitted";

    static {
        // --- text (query, path, header, cookie; a JSON string likewise) -----------------------------
        get("aware datetime from seconds", "/q/aware?at=1700000000", 200, ok("2023-11-14T22:13:20Z"));
        get("aware datetime from milliseconds (above 2e10)", "/q/aware?at=1700000000123", 200,
                ok("2023-11-14T22:13:20.123Z"));
        get("aware datetime from a decimal in milliseconds", "/q/aware?at=1700000000123.456", 200,
                ok("2023-11-14T22:13:20.123456Z"));
        get("aware datetime from fractional seconds", "/q/aware?at=1700000000.5", 200, ok("2023-11-14T22:13:20.500Z"));
        get("aware datetime from a signed number", "/q/aware?at=%2B1700000000", 200, ok("2023-11-14T22:13:20Z"));
        get("a negative decimal as text counts back from its floor", "/q/aware?at=-1.25", 200,
                ok("1969-12-31T23:59:58.750Z"));
        get("exponent after a decimal point", "/q/aware?at=1.0e3", 200, ok("1970-01-01T00:16:40Z"));
        get("the watershed itself is seconds", "/q/aware?at=20000000000", 200, ok("2603-10-11T11:33:20Z"));
        get("one past the watershed is milliseconds", "/q/aware?at=20000000001", 200, ok("1970-08-20T11:33:20.001Z"));
        get("timestamp text after 9999", "/q/aware?at=253402300800000", 422, error("datetime_from_date_parsing",
                "[\"query\",\"at\"]", DATETIME_OR_DATE, AFTER_9999, "\"253402300800000\""));
        get("timestamp text before 0000", "/q/aware?at=-99999999999999", 422, error("datetime_from_date_parsing",
                "[\"query\",\"at\"]", DATETIME_OR_DATE, BEFORE_0000, "\"-99999999999999\""));
        get("an integer beyond i64 is not a timestamp", "/q/aware?at=99999999999999999999", 422,
                error("datetime_from_date_parsing", "[\"query\",\"at\"]", DATETIME_OR_DATE,
                        "invalid date separator, expected `-`", "\"99999999999999999999\""));
        get("an exponent without a decimal point is not a timestamp", "/q/aware?at=1e3", 422,
                error("datetime_from_date_parsing", "[\"query\",\"at\"]", DATETIME_OR_DATE, "input is too short",
                        "\"1e3\""));
        get("naive datetime refuses a timestamp (UTC-aware)", "/q/naive?at=1700000000", 422,
                error("timezone_naive", "[\"query\",\"at\"]", "Input should not have timezone info", null,
                        "\"1700000000\""));
        get("date from a midnight timestamp", "/q/date?d=1699920000", 200, ok("2023-11-14"));
        get("date from a midnight in milliseconds", "/q/date?d=1699920000000", 200, ok("2023-11-14"));
        get("date from a decimal midnight", "/q/date?d=1699920000.0", 200, ok("2023-11-14"));
        get("date from a timestamp not at midnight", "/q/date?d=1700000000", 422, error("date_from_datetime_inexact",
                "[\"query\",\"d\"]", INEXACT, null, "\"1700000000\""));
        get("date from a millisecond past midnight", "/q/date?d=1699920000001", 422,
                error("date_from_datetime_inexact", "[\"query\",\"d\"]", INEXACT, null, "\"1699920000001\""));
        get("date from a timestamp after 9999", "/q/date?d=253402300800000", 422, error("date_from_datetime_parsing",
                "[\"query\",\"d\"]", DATE, AFTER_9999, "\"253402300800000\""));
        get("date of year 0", "/q/date?d=0000-01-01", 422, error("date_parsing", "[\"query\",\"d\"]",
                "Input should be a valid date in the format YYYY-MM-DD", "year 0 is out of range", "\"0000-01-01\""));
        get("datetime of year 0", "/q/aware?at=0000-12-31T23:59:59Z", 422, error("datetime_parsing",
                "[\"query\",\"at\"]", DATETIME, "year 0 is out of range", "\"0000-12-31T23:59:59Z\""));
        get("time is never a number as text", "/q/time?t=3600", 422, error("time_parsing", "[\"query\",\"t\"]", TIME,
                "input is too short", "\"3600\""));
        get("instant path parameter from a timestamp", "/p/1700000000", 200, ok("2023-11-14T22:13:20Z"));
        get("path timestamp after 9999", "/p/253402300800000", 422, error("datetime_from_date_parsing",
                "[\"path\",\"at\"]", DATETIME_OR_DATE, AFTER_9999, "\"253402300800000\""));
        get("header timestamp", "/h", 200, ok("2023-11-14T22:13:20Z"), "at", "1700000000");
        get("cookie timestamp at midnight", "/c", 200, ok("2023-11-14"), "cookie", "day=1699920000");
        get("cookie timestamp not at midnight", "/c", 422, error("date_from_datetime_inexact",
                "[\"cookie\",\"day\"]", INEXACT, null, "\"1700000000\""), "cookie", "day=1700000000");
        json("timestamp as a JSON string", "/aware", "{\"at\": \"1700000000\"}", 200, ok("2023-11-14T22:13:20Z"));
        json("date timestamp as a JSON string", "/day", "{\"day\": \"1700000000\"}", 422,
                error("date_from_datetime_inexact", "[\"body\",\"day\"]", INEXACT, null, "\"1700000000\""));

        // --- JSON numbers (Python int and float) ------------------------------------------------------
        json("aware datetime from a JSON integer", "/aware", "{\"at\": 1700000000}", 200, ok("2023-11-14T22:13:20Z"));
        json("instant from JSON milliseconds", "/moment", "{\"at\": 1700000000123}", 200,
                ok("2023-11-14T22:13:20.123Z"));
        json("aware datetime from a JSON float", "/aware", "{\"at\": 1700000000.5}", 200,
                ok("2023-11-14T22:13:20.500Z"));
        // from_float_with_config adds |fract| to the floor: -1.25 is 23:59:58.25 (the text "-1.25" is :58.75)
        json("a negative JSON float keeps pydantic's rounding", "/aware", "{\"at\": -1.25}", 200,
                ok("1969-12-31T23:59:58.250Z"));
        json("JSON integer after 9999", "/aware", "{\"at\": 253402300800000}", 422, error("datetime_parsing",
                "[\"body\",\"at\"]", DATETIME, AFTER_9999, "253402300800000"));
        json("JSON integer before 0000", "/aware", "{\"at\": -80000000000000}", 422, error("datetime_parsing",
                "[\"body\",\"at\"]", DATETIME, BEFORE_0000, "-80000000000000"));
        json("JSON integer beyond i64 is read as a float", "/aware", "{\"at\": 100000000000000000000000}", 422,
                error("datetime_parsing", "[\"body\",\"at\"]", DATETIME, AFTER_9999, "100000000000000000000000"));
        json("a bool is not a timestamp", "/aware", "{\"at\": true}", 422, error("datetime_type", "[\"body\",\"at\"]",
                DATETIME, null, "true"));
        json("a bool is not a date", "/day", "{\"day\": false}", 422, error("date_type", "[\"body\",\"day\"]",
                "Input should be a valid date", null, "false"));
        json("a bool is not a time", "/clock", "{\"t\": true}", 422, error("time_type", "[\"body\",\"t\"]",
                "Input should be a valid time", null, "true"));
        json("naive datetime refuses a JSON timestamp", "/naive", "{\"at\": 1700000000}", 422,
                error("timezone_naive", "[\"body\",\"at\"]", "Input should not have timezone info", null,
                        "1700000000"));
        json("date from a JSON midnight", "/day", "{\"day\": 1699920000}", 200, ok("2023-11-14"));
        json("date from a JSON float midnight", "/day", "{\"day\": 1699920000.0}", 200, ok("2023-11-14"));
        json("date from a JSON timestamp not at midnight", "/day", "{\"day\": 1700000000}", 422,
                error("date_from_datetime_inexact", "[\"body\",\"day\"]", INEXACT, null, "1700000000"));
        json("date from a JSON timestamp after 9999", "/day", "{\"day\": 253402300800000}", 422,
                error("date_from_datetime_parsing", "[\"body\",\"day\"]", DATE, AFTER_9999, "253402300800000"));
        json("date from the first second of year 0 is inexact in milliseconds", "/day",
                "{\"day\": -62167219200}", 422, error("date_from_datetime_inexact", "[\"body\",\"day\"]", INEXACT, null,
                        "-62167219200"));
        json("time from JSON seconds since midnight", "/clock", "{\"t\": 3600}", 200, ok("01:00"));
        json("time from a JSON float", "/clock", "{\"t\": 3600.5}", 200, ok("01:00:00.500"));
        json("time of 86400 seconds", "/clock", "{\"t\": 86400}", 422, error("time_parsing", "[\"body\",\"t\"]",
                TIME, TOO_LONG, "86400"));
        json("negative time", "/clock", "{\"t\": -1}", 422, error("time_parsing", "[\"body\",\"t\"]", TIME,
                "time in seconds should be positive", "-1"));
        json("negative fractional time", "/clock", "{\"t\": -0.5}", 422, error("time_parsing", "[\"body\",\"t\"]",
                TIME, "time in seconds should be positive", "-0.5"));

        // --- NaN and the infinities ---------------------------------------------------------------
        // pydantic answers these; the input echoed is a float pydantic cannot put in JSON: FastAPI's
        // JSONResponse (json.dumps allow_nan=False) then fails with a 500. FasterAPI answers the 422 and
        // writes the non-finite input as null, as it writes every non-finite number (docs/validation.md).
        json("a float field accepts NaN (written as null)", "/price", "{\"price\": NaN}", 200, "{\"price\":null}");
        json("a float field accepts -Infinity", "/price", "{\"price\": -Infinity}", 200, "{\"price\":null}");
        json("an int field refuses NaN", "/quantity", "{\"quantity\": NaN}", 422, error("finite_number",
                "[\"body\",\"quantity\"]", "Input should be a finite number", null, "null"));
        json("an int field refuses Infinity", "/quantity", "{\"quantity\": Infinity}", 422, error("finite_number",
                "[\"body\",\"quantity\"]", "Input should be a finite number", null, "null"));
        json("a datetime refuses NaN", "/aware", "{\"at\": NaN}", 422, error("datetime_parsing",
                "[\"body\",\"at\"]", DATETIME, NAN, "null"));
        json("a datetime from Infinity is after 9999", "/aware", "{\"at\": Infinity}", 422,
                error("datetime_parsing", "[\"body\",\"at\"]", DATETIME, AFTER_9999, "null"));
        json("a datetime from -Infinity is before 0000", "/aware", "{\"at\": -Infinity}", 422,
                error("datetime_parsing", "[\"body\",\"at\"]", DATETIME, BEFORE_0000, "null"));
        json("a date refuses NaN", "/day", "{\"day\": NaN}", 422, error("date_from_datetime_parsing",
                "[\"body\",\"day\"]", DATE, NAN, "null"));
        json("a time refuses NaN", "/clock", "{\"t\": NaN}", 422, error("time_parsing", "[\"body\",\"t\"]", TIME,
                NAN, "null"));
        json("a time from Infinity is too long", "/clock", "{\"t\": Infinity}", 422, error("time_parsing",
                "[\"body\",\"t\"]", TIME, TOO_LONG, "null"));
        for (String token : List.of("-INF", "+INF", "INF", "+Infinity", "+NaN", "nan", "-NaN")) {
            json("json.loads refuses " + token, "/price", "{\"price\": " + token + "}", 422,
                    "{\"detail\":[{\"type\":\"json_invalid\",\"loc\":[\"body\",10],\"msg\":\"JSON decode error\","
                            + "\"input\":{},\"ctx\":{\"error\":\"Expecting value\"}}]}");
        }
    }

    static final long SEED = Long.getLong("timestamps.seed", 20261207L);

    /**
     * Seeded random integer timestamps on both sides of the 2e10 watershed, each read as text, as a JSON
     * number and as a date, against java.time's own epoch arithmetic.
     */
    static Stream<Arguments> randomTimestamps() {
        Random random = new Random(SEED);
        List<Arguments> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long v = switch (i % 4) {
                case 0 -> random.nextLong(-20_000_000_000L, 20_000_000_001L);
                case 1 -> random.nextLong(20_000_000_001L, 253_402_300_799_000L);
                case 2 -> -random.nextLong(20_000_000_001L, 62_000_000_000_000L);
                default -> random.nextLong(-100_000, 100_000) * 86_400; // midnights, in seconds
            };
            out.add(Arguments.of("seed=" + SEED, v));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("randomTimestamps")
    void readsRandomTimestampsAsPydantic(String seed, long v) {
        Instant expected = Math.abs(v) <= 20_000_000_000L ? Instant.ofEpochSecond(v) : Instant.ofEpochMilli(v);
        String aware = OffsetDateTime.ofInstant(expected, ZoneOffset.UTC).toString();
        TestResponse text = client.get("/q/aware?at=" + v);
        assertThat(text.text()).as(seed + " text " + v).isEqualTo(ok(aware));
        TestResponse number = client.send("POST", "/moment", ("{\"at\": " + v + "}").getBytes(StandardCharsets.UTF_8),
                "application/json");
        assertThat(number.text()).as(seed + " number " + v).isEqualTo(ok(expected.toString()));
        TestResponse day = client.get("/q/date?d=" + v);
        if (expected.equals(expected.truncatedTo(ChronoUnit.DAYS))) {
            assertThat(day.text()).as(seed + " date " + v).isEqualTo(ok(LocalDate.ofInstant(expected, ZoneOffset.UTC)
                    .toString()));
        } else {
            assertThat(JSON.readTree(day.text()).at("/detail/0/type").asString()).as(seed + " date " + v)
                    .isEqualTo("date_from_datetime_inexact");
        }
    }

    static Stream<Arguments> cases() {
        return CASES.stream().map(Arguments::of);
    }

    @BeforeAll
    static void start() {
        client = TestClient.of(App.create().include(new Routes()));
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAsFastApi(Case c) {
        TestResponse r = c.method().equals("GET") ? client.get(c.path(), c.headers())
                : client.send("POST", c.path(), c.body().getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(r.status()).as(c.name() + ": " + r.text()).isEqualTo(c.status());
        assertThat(JSON.readTree(r.text())).as(c.name() + ": " + r.text()).isEqualTo(JSON.readTree(c.expected()));
    }
}
