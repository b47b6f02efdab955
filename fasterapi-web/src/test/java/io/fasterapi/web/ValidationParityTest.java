package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parity suite of issue 12: requests with the exact answer FastAPI (0.132, strict content type)
 * with pydantic 2 and CPython 3.13's json module gives, written from their sources:
 * <ul>
 * <li>fastapi/routing.py {@code get_request_handler}: the Content-Type test, {@code json_invalid} with
 *     {@code loc: ["body", e.pos]}, {@code input: {}}, {@code ctx: {"error": e.msg}}; a body that is not
 *     UTF-8 is 400 "There was an error parsing the body"; an empty body is None.</li>
 * <li>fastapi/dependencies/utils.py {@code request_body_to_args}: None (empty body or JSON null) for a
 *     required body is {@code missing} at {@code ["body"]}; bytes (a body that is not JSON) are validated
 *     as they are, so a model answers {@code model_attributes_type} with the text as input.</li>
 * <li>CPython Modules/_json.c and Lib/json/decoder.py: the messages and positions (code points).</li>
 * <li>pydantic-core's error types and messages (docs "Validation Errors"): {@code string_too_short}
 *     ctx {@code min_length}, {@code greater_than} ctx {@code gt}, {@code less_than_equal} ctx {@code le},
 *     {@code float_parsing}, {@code model_attributes_type}, {@code missing}.</li>
 * </ul>
 * Each case is checked against the running server, body compared as JSON.
 */
class ValidationParityTest {
    static TestClient client;
    static final JsonMapper JSON = JsonMapper.builder().build();

    public record Item(@Size(min = 3) String name, @Positive double price, Optional<String> description) {
    }

    /** Nested records and a list of records, no {@code @Valid}: validated as pydantic validates nested models. */
    public record Order(Item item, List<Item> lines, @Min(1) int quantity) {
    }

    /** {@code @Valid} stays allowed and reports each error once. */
    public record CheckedOrder(@Valid Item item, @Valid List<Item> lines) {
    }

    public record Counter(@Max(100) int small, int plain, short tiny, @Positive long big) {
    }

    /** Constants whose JSON value is not their name: that value is what requests use and OpenAPI lists. */
    public enum ShirtSize {
        @com.fasterxml.jackson.annotation.JsonProperty("s") SMALL,
        @com.fasterxml.jackson.annotation.JsonProperty("l") LARGE
    }

    public enum Level {
        LOW(1), HIGH(2);

        private final int code;

        Level(int code) {
            this.code = code;
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public int code() {
            return code;
        }
    }

    public record Sized(ShirtSize size, Optional<Level> level) {
    }

    public record When(java.time.LocalDate day, java.util.UUID id) {
    }

    public static class Routes {
        @Get("/q/date")
        public java.util.Map<String, String> qDate(java.time.LocalDate d) {
            return java.util.Map.of("v", d.toString());
        }

        @Get("/q/datetime")
        public java.util.Map<String, String> qDateTime(java.time.LocalDateTime at) {
            return java.util.Map.of("v", at.toString());
        }

        @Get("/q/aware")
        public java.util.Map<String, String> qAware(java.time.OffsetDateTime at) {
            return java.util.Map.of("v", at.toString());
        }

        @Get("/q/time")
        public java.util.Map<String, String> qTime(java.time.LocalTime t) {
            return java.util.Map.of("v", t.toString());
        }

        @Get("/q/uuid")
        public java.util.Map<String, String> qUuid(java.util.UUID id) {
            return java.util.Map.of("v", id.toString());
        }

        @Post("/when")
        public When when(When w) {
            return w;
        }

        @Get("/size/{size}")
        public Sized pathSize(ShirtSize size) {
            return new Sized(size, Optional.empty());
        }

        @Get("/q/level")
        public Sized queryLevel(Level level) {
            return new Sized(ShirtSize.SMALL, Optional.of(level));
        }

        @Post("/sized")
        public Sized sized(Sized s) {
            return s;
        }

        @Post("/items")
        public Item create(Item item) {
            return item;
        }

        @Post("/optional-item")
        public java.util.Map<String, String> optionalItem(Optional<Item> item) {
            return java.util.Map.of("name", item.map(Item::name).orElse("none"));
        }

        @Post("/bulk")
        public int bulk(List<Item> items) {
            return items.size();
        }

        @Post("/orders")
        public int order(Order order) {
            return order.quantity();
        }

        @Post("/checked-orders")
        public String checked(CheckedOrder order) {
            return order.item().name();
        }

        @Post("/counters")
        public int counter(Counter c) {
            return c.small();
        }

        @Post("/text")
        public java.util.Map<String, String> text(@Body String text) {
            return java.util.Map.of("text", text);
        }

        @Get("/q/int")
        public int qInt(int n) {
            return n;
        }

        @Get("/q/bounded")
        public int qBounded(@Query @Max(100) int n) {
            return n;
        }

        @Get("/q/positive")
        public long qPositive(@Query @Positive long n) {
            return n;
        }
    }

    record Case(String name, String method, String path, String contentType, byte[] body, int status,
                String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Case> CASES = new ArrayList<>();

    static void json(String name, String path, String body, int status, String expected) {
        CASES.add(new Case(name, "POST", path, "application/json", body.getBytes(StandardCharsets.UTF_8), status,
                expected));
    }

    static void raw(String name, String path, String contentType, byte[] body, int status, String expected) {
        CASES.add(new Case(name, "POST", path, contentType, body, status, expected));
    }

    static void get(String name, String path, int status, String expected) {
        CASES.add(new Case(name, "GET", path, null, null, status, expected));
    }

    static String jsonInvalid(int pos, String error) {
        return "{\"detail\":[{\"type\":\"json_invalid\",\"loc\":[\"body\"," + pos
                + "],\"msg\":\"JSON decode error\",\"input\":{},\"ctx\":{\"error\":\"" + error + "\"}}]}";
    }

    static {
        // --- malformed JSON: CPython's message and position --------------------------------------
        json("missing comma", "/items", "{\"name\": \"abc\" \"price\": 1}", 422,
                jsonInvalid(15, "Expecting ',' delimiter"));
        json("unterminated string", "/items", "{\"name\": \"abc", 422,
                jsonInvalid(9, "Unterminated string starting at"));
        json("extra data", "/items", "{\"name\": \"abc\"} x", 422, jsonInvalid(16, "Extra data"));
        json("value missing", "/items", "{\"name\": }", 422, jsonInvalid(9, "Expecting value"));
        json("truncated after colon", "/items", "{\"name\": ", 422, jsonInvalid(9, "Expecting value"));
        json("truncated object", "/items", "{\"level\": 7, \"coins\": 120", 422,
                jsonInvalid(25, "Expecting ',' delimiter"));
        json("unquoted key", "/items", "{name: 1}", 422,
                jsonInvalid(1, "Expecting property name enclosed in double quotes"));
        json("missing colon", "/items", "{\"a\" 1}", 422, jsonInvalid(5, "Expecting ':' delimiter"));
        json("python literal", "/items", "{\"done\": True}", 422, jsonInvalid(9, "Expecting value"));
        json("trailing comma in array", "/items", "[1, 2,]", 422,
                jsonInvalid(5, "Illegal trailing comma before end of array"));
        json("trailing comma in object", "/items", "{\"a\": 1,}", 422,
                jsonInvalid(7, "Illegal trailing comma before end of object"));
        json("bad escape", "/items", "{\"a\": \"\\x\"}", 422, jsonInvalid(7, "Invalid \\\\escape"));
        json("bad unicode escape", "/items", "{\"a\": \"\\u12G4\"}", 422,
                jsonInvalid(8, "Invalid \\\\uXXXX escape"));
        json("control character", "/items", "{\"a\": \"x\ty\"}", 422,
                jsonInvalid(8, "Invalid control character at"));
        json("leading zero", "/items", "[01]", 422, jsonInvalid(2, "Expecting ',' delimiter"));
        json("blank body", "/items", "   ", 422, jsonInvalid(3, "Expecting value"));
        // a position counts characters, not UTF-8 bytes: "é" is one (two bytes)
        json("position in characters", "/items", "{\"n\": \"é\", x}", 422,
                jsonInvalid(11, "Expecting property name enclosed in double quotes"));
        raw("not UTF-8", "/items", "application/json",
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'}, 400,
                "{\"detail\":\"There was an error parsing the body\"}");

        // --- empty body and null ------------------------------------------------------------------
        json("empty body", "/items", "", 422,
                "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\"],\"msg\":\"Field required\",\"input\":null}]}");
        json("null body", "/items", "null", 422,
                "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\"],\"msg\":\"Field required\",\"input\":null}]}");
        json("null optional body", "/optional-item", "null", 200, "{\"name\":\"none\"}");

        // --- Content-Type ---------------------------------------------------------------------------
        String item = "{\"name\":\"abc\",\"price\":1}";
        String notAnObject = "{\"detail\":[{\"type\":\"model_attributes_type\",\"loc\":[\"body\"],"
                + "\"msg\":\"Input should be a valid dictionary or object to extract fields from\","
                + "\"input\":\"{\\\"name\\\":\\\"abc\\\",\\\"price\\\":1}\"}]}";
        raw("text/plain is not JSON", "/items", "text/plain", item.getBytes(StandardCharsets.UTF_8), 422, notAnObject);
        raw("no Content-Type is not JSON", "/items", null, item.getBytes(StandardCharsets.UTF_8), 422, notAnObject);
        raw("+json suffix is JSON", "/items", "application/vnd.api+json", item.getBytes(StandardCharsets.UTF_8), 200,
                "{\"name\":\"abc\",\"price\":1.0,\"description\":null}");
        raw("parameters and case ignored", "/items", "Application/JSON; charset=utf-8",
                item.getBytes(StandardCharsets.UTF_8), 200, "{\"name\":\"abc\",\"price\":1.0,\"description\":null}");
        raw("text body takes the text", "/text", "text/plain", "hello".getBytes(StandardCharsets.UTF_8), 200,
                "{\"text\":\"hello\"}");

        // --- all errors of a body at once, type and constraint errors together --------------------
        json("type and constraint errors together", "/items", "{\"name\": \"ab\", \"price\": \"abc\"}", 422, """
                {"detail":[
                 {"type":"string_too_short","loc":["body","name"],"msg":"String should have at least 3 characters",
                  "input":"ab","ctx":{"min_length":3}},
                 {"type":"float_parsing","loc":["body","price"],
                  "msg":"Input should be a valid number, unable to parse string as a number","input":"abc"}]}""");
        json("nested records without @Valid", "/orders",
                "{\"item\": {\"name\": \"ab\", \"price\": 1}, \"lines\": [{\"name\": \"abc\", \"price\": -1}],"
                        + " \"quantity\": 0}", 422, """
                {"detail":[
                 {"type":"string_too_short","loc":["body","item","name"],
                  "msg":"String should have at least 3 characters","input":"ab","ctx":{"min_length":3}},
                 {"type":"greater_than","loc":["body","lines",0,"price"],"msg":"Input should be greater than 0",
                  "input":-1,"ctx":{"gt":0}},
                 {"type":"greater_than_equal","loc":["body","quantity"],
                  "msg":"Input should be greater than or equal to 1","input":0,"ctx":{"ge":1}}]}""");
        json("nested type error beside constraint errors", "/orders",
                "{\"item\": {\"name\": \"ab\", \"price\": \"x\"}, \"lines\": [], \"quantity\": 0}", 422, """
                {"detail":[
                 {"type":"string_too_short","loc":["body","item","name"],
                  "msg":"String should have at least 3 characters","input":"ab","ctx":{"min_length":3}},
                 {"type":"float_parsing","loc":["body","item","price"],
                  "msg":"Input should be a valid number, unable to parse string as a number","input":"x"},
                 {"type":"greater_than_equal","loc":["body","quantity"],
                  "msg":"Input should be greater than or equal to 1","input":0,"ctx":{"ge":1}}]}""");
        json("a list of records: every element's errors", "/bulk",
                "[{\"name\": \"ab\", \"price\": 1}, {\"name\": \"abc\", \"price\": \"x\"}, {\"price\": 0}]", 422, """
                {"detail":[
                 {"type":"string_too_short","loc":["body",0,"name"],
                  "msg":"String should have at least 3 characters","input":"ab","ctx":{"min_length":3}},
                 {"type":"float_parsing","loc":["body",1,"price"],
                  "msg":"Input should be a valid number, unable to parse string as a number","input":"x"},
                 {"type":"missing","loc":["body",2,"name"],"msg":"Field required","input":{"price":0}},
                 {"type":"greater_than","loc":["body",2,"price"],"msg":"Input should be greater than 0",
                  "input":0,"ctx":{"gt":0}}]}""");
        json("valid nested order", "/orders",
                "{\"item\": {\"name\": \"abc\", \"price\": 1}, \"lines\": [], \"quantity\": 2}", 200, "2");
        json("@Valid reports once", "/checked-orders",
                "{\"item\": {\"name\": \"ab\", \"price\": 1}, \"lines\": [{\"name\": \"abcd\", \"price\": 0}]}", 422, """
                {"detail":[
                 {"type":"string_too_short","loc":["body","item","name"],
                  "msg":"String should have at least 3 characters","input":"ab","ctx":{"min_length":3}},
                 {"type":"greater_than","loc":["body","lines",0,"price"],"msg":"Input should be greater than 0",
                  "input":0,"ctx":{"gt":0}}]}""");

        // --- integers beyond the Java type: pydantic's bound, the declared one when tighter ---------
        json("beyond int, short; declared @Max tighter", "/counters",
                "{\"small\": 3000000000, \"plain\": 3000000000, \"tiny\": 40000, \"big\": -99999999999999999999}",
                422, """
                {"detail":[
                 {"type":"less_than_equal","loc":["body","small"],"msg":"Input should be less than or equal to 100",
                  "input":3000000000,"ctx":{"le":100}},
                 {"type":"less_than_equal","loc":["body","plain"],
                  "msg":"Input should be less than or equal to 2147483647","input":3000000000,"ctx":{"le":2147483647}},
                 {"type":"less_than_equal","loc":["body","tiny"],"msg":"Input should be less than or equal to 32767",
                  "input":40000,"ctx":{"le":32767}},
                 {"type":"greater_than","loc":["body","big"],"msg":"Input should be greater than 0",
                  "input":-99999999999999999999,"ctx":{"gt":0}}]}""");
        get("query beyond int", "/q/int?n=99999999999", 422, """
                {"detail":[{"type":"less_than_equal","loc":["query","n"],
                 "msg":"Input should be less than or equal to 2147483647","input":"99999999999","ctx":{"le":2147483647}}]}""");
        get("query below int", "/q/int?n=-99999999999", 422, """
                {"detail":[{"type":"greater_than_equal","loc":["query","n"],
                 "msg":"Input should be greater than or equal to -2147483648","input":"-99999999999",
                 "ctx":{"ge":-2147483648}}]}""");
        get("query beyond int, declared @Max tighter", "/q/bounded?n=99999999999", 422, """
                {"detail":[{"type":"less_than_equal","loc":["query","n"],
                 "msg":"Input should be less than or equal to 100","input":"99999999999","ctx":{"le":100}}]}""");
        get("query beyond long, declared @Positive not the bound above", "/q/positive?n=99999999999999999999", 422, """
                {"detail":[{"type":"less_than_equal","loc":["query","n"],
                 "msg":"Input should be less than or equal to 9223372036854775807","input":"99999999999999999999",
                 "ctx":{"le":9223372036854775807}}]}""");
        get("query below long, declared @Positive tighter", "/q/positive?n=-99999999999999999999", 422, """
                {"detail":[{"type":"greater_than","loc":["query","n"],"msg":"Input should be greater than 0",
                 "input":"-99999999999999999999","ctx":{"gt":0}}]}""");
        get("malformed query int is still a parsing error", "/q/int?n=1x", 422, """
                {"detail":[{"type":"int_parsing","loc":["query","n"],
                 "msg":"Input should be a valid integer, unable to parse string as an integer","input":"1x"}]}""");
    }

    static {
        // --- enums: the constant's JSON value, in path, query and body (pydantic's "enum" error) ------
        String sizeError = "\"msg\":\"Input should be 's' or 'l'\",\"ctx\":{\"expected\":\"'s' or 'l'\"}";
        get("enum path by JSON value", "/size/l", 200, "{\"size\":\"l\",\"level\":null}");
        get("enum path by Java name is an enum error", "/size/LARGE", 422,
                "{\"detail\":[{\"type\":\"enum\",\"loc\":[\"path\",\"size\"],\"input\":\"LARGE\"," + sizeError + "}]}");
        get("enum query by @JsonValue", "/q/level?level=2", 200, "{\"size\":\"s\",\"level\":2}");
        get("enum query error lists numbers unquoted", "/q/level?level=3", 422, """
                {"detail":[{"type":"enum","loc":["query","level"],"msg":"Input should be 1 or 2","input":"3",
                 "ctx":{"expected":"1 or 2"}}]}""");
        json("enum body by JSON value", "/sized", "{\"size\": \"s\", \"level\": 1}", 200,
                "{\"size\":\"s\",\"level\":1}");
        json("enum body error names no Java class", "/sized", "{\"size\": \"SMALL\", \"level\": 7}", 422,
                "{\"detail\":[{\"type\":\"enum\",\"loc\":[\"body\",\"size\"],\"input\":\"SMALL\"," + sizeError
                        + "},{\"type\":\"enum\",\"loc\":[\"body\",\"level\"],\"msg\":\"Input should be 1 or 2\","
                        + "\"input\":7,\"ctx\":{\"expected\":\"1 or 2\"}}]}");
    }

    static String parsing(String where, String name, String type, String prefix, String error, String input) {
        return "{\"detail\":[{\"type\":\"" + type + "\",\"loc\":[\"" + where + "\",\"" + name + "\"],\"msg\":\""
                + prefix + ", " + error + "\",\"input\":\"" + input + "\",\"ctx\":{\"error\":\"" + error + "\"}}]}";
    }

    static {
        // --- dates, times, UUIDs: pydantic 2 (speedate, the uuid crate) ----------------------------
        String date = "Input should be a valid date or datetime";
        get("date out of range month", "/q/date?d=2024-13-01", 422, parsing("query", "d", "date_from_datetime_parsing",
                date, "month value is outside expected range of 1-12", "2024-13-01"));
        get("date too short", "/q/date?d=foo", 422, parsing("query", "d", "date_from_datetime_parsing", date,
                "input is too short", "foo"));
        get("date bad day", "/q/date?d=2024-02-30", 422, parsing("query", "d", "date_from_datetime_parsing", date,
                "day value is outside expected range", "2024-02-30"));
        get("date bad separator", "/q/date?d=2024/01/01", 422, parsing("query", "d", "date_from_datetime_parsing",
                date, "invalid date separator, expected `-`", "2024/01/01"));
        get("date from a datetime at midnight", "/q/date?d=2024-01-01T00:00:00", 200, "{\"v\":\"2024-01-01\"}");
        get("date from a datetime not at midnight", "/q/date?d=2024-01-01T10:00", 422, """
                {"detail":[{"type":"date_from_datetime_inexact","loc":["query","d"],
                 "msg":"Datetimes provided to dates should have zero time - e.g. be exact dates",
                 "input":"2024-01-01T10:00"}]}""");
        // pydantic-core validators/datetime.rs datetime_from_date: text that is no datetime is retried as a
        // date, and the date's reason is reported (tests/validators/test_datetime.py: '2022-06-08T12:13:14+24:00'
        // -> "Input should be a valid datetime or date, unexpected extra characters at the end of the input")
        String datetime = "Input should be a valid datetime or date";
        get("datetime bad hour", "/q/datetime?at=2024-01-01T25:00", 422, parsing("query", "at",
                "datetime_from_date_parsing", datetime, "unexpected extra characters at the end of the input",
                "2024-01-01T25:00"));
        get("datetime bad separator", "/q/datetime?at=2024-01-01X10:00", 422, parsing("query", "at",
                "datetime_from_date_parsing", datetime, "unexpected extra characters at the end of the input",
                "2024-01-01X10:00"));
        get("datetime too short", "/q/datetime?at=2024-01", 422, parsing("query", "at",
                "datetime_from_date_parsing", datetime, "input is too short", "2024-01"));
        get("datetime from a date", "/q/datetime?at=2024-01-01", 200, "{\"v\":\"2024-01-01T00:00\"}");
        get("datetime with a space", "/q/datetime?at=2024-01-01%2010:30:15.5", 200, "{\"v\":\"2024-01-01T10:30:15.500\"}");
        get("aware datetime without offset", "/q/aware?at=2024-01-01T10:00", 422, """
                {"detail":[{"type":"timezone_aware","loc":["query","at"],"msg":"Input should have timezone info",
                 "input":"2024-01-01T10:00"}]}""");
        get("aware datetime", "/q/aware?at=2024-01-01T10:00%2B02:00", 200, "{\"v\":\"2024-01-01T10:00+02:00\"}");
        get("time bad minute", "/q/time?t=10:61", 422, parsing("query", "t", "time_parsing",
                "Input should be in a valid time format", "minute value is outside expected range of 0-59", "10:61"));
        String uuid = "Input should be a valid UUID";
        get("uuid bad character", "/q/uuid?id=not-a-uuid", 422, parsing("query", "id", "uuid_parsing", uuid,
                "invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `n` at 1",
                "not-a-uuid"));
        get("uuid bad length", "/q/uuid?id=1234", 422, parsing("query", "id", "uuid_parsing", uuid,
                "invalid length: expected length 32 for simple format, found 4", "1234"));
        get("uuid bad group count", "/q/uuid?id=12345678-1234-1234-1234", 422, parsing("query", "id", "uuid_parsing",
                uuid, "invalid group count: expected 5, found 4", "12345678-1234-1234-1234"));
        get("uuid bad group length", "/q/uuid?id=12345678-123-1234-1234-1234567890123", 422, parsing("query", "id",
                "uuid_parsing", uuid, "invalid group length in group 1: expected 4, found 3",
                "12345678-123-1234-1234-1234567890123"));
        json("date and uuid of the wrong JSON type", "/when", "{\"day\": true, \"id\": 5}", 422, """
                {"detail":[
                 {"type":"date_type","loc":["body","day"],"msg":"Input should be a valid date","input":true},
                 {"type":"uuid_type","loc":["body","id"],"msg":"UUID input should be a string, bytes or UUID object",
                  "input":5}]}""");
        json("date in a body read by pydantic's rules", "/when",
                "{\"day\": \"2024-01-01T00:00\", \"id\": \"{12345678-1234-1234-1234-123456789012}\"}", 200,
                "{\"day\":\"2024-01-01\",\"id\":\"12345678-1234-1234-1234-123456789012\"}");
    }

    @org.junit.jupiter.api.Test
    void withoutStrictContentTypeABodyWithoutContentTypeIsJson() {
        // FastAPI(strict_content_type=False): no Content-Type is read as JSON; text/plain still is not
        try (TestClient lax = TestClient.of(App.create().strictContentType(false).include(new Routes()))) {
            byte[] item = "{\"name\":\"abc\",\"price\":1}".getBytes(StandardCharsets.UTF_8);
            TestResponse none = lax.send("POST", "/items", item, null);
            assertThat(none.status()).as(none.text()).isEqualTo(200);
            assertThat(JSON.readTree(none.text()).get("name").asString()).isEqualTo("abc");
            TestResponse text = lax.send("POST", "/items", item, "text/plain");
            assertThat(text.status()).isEqualTo(422);
            assertThat(JSON.readTree(text.text()).get("detail").get(0).get("type").asString())
                    .isEqualTo("model_attributes_type");
        }
    }

    @org.junit.jupiter.api.Test
    void openApiListsTheEnumsJsonValues() {
        // FastAPI: class ShirtSize(str, Enum) -> {"type":"string","enum":["s","l"],"title":"ShirtSize"};
        // an IntEnum -> {"type":"integer","enum":[1,2],"title":"Level"}
        var schemas = JSON.readTree(client.get("/openapi.json").text()).get("components").get("schemas");
        assertThat(schemas.get("ShirtSize").get("enum")).isEqualTo(JSON.readTree("[\"s\",\"l\"]"));
        assertThat(schemas.get("ShirtSize").get("type").asString()).isEqualTo("string");
        assertThat(schemas.get("Level").get("enum")).isEqualTo(JSON.readTree("[1,2]"));
        assertThat(schemas.get("Level").get("type").asString()).isEqualTo("integer");
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
        TestResponse r = c.method().equals("GET") ? client.get(c.path()) : client.send(c.method(), c.path(), c.body(),
                c.contentType());
        assertThat(r.status()).as(c.name() + ": " + r.text()).isEqualTo(c.status());
        assertThat(JSON.readTree(r.text())).as(c.name() + ": " + r.text()).isEqualTo(JSON.readTree(c.expected()));
    }
}
