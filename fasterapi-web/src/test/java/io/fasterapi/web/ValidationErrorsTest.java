package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** 422 bodies compared, as JSON, with what FastAPI 0.115 / pydantic 2 answer for the same app. */
class ValidationErrorsTest {
    static TestClient client;
    static final JsonMapper JSON = JsonMapper.builder().build();

    public record Item(@Size(min = 3) String name, @Positive double price, Optional<String> description) {
    }

    /** A price as the basic app's ItemCreate has it: at most 10 integer digits and 2 fraction digits. */
    public record Priced(@jakarta.validation.constraints.Digits(integer = 10, fraction = 2) double price) {
    }

    public record Tagged(@Pattern(regexp = "^[a-z]+$") String tag, @Size(max = 2) List<String> labels) {
    }

    public enum Color { red, green }

    public record Page(int number) {
    }

    /** A dependency factory whose own parameter carries a constraint: checked as a handler's would be. */
    public static final class PageFactory {
        public Page page(@Query @Positive int page) {
            return new Page(page);
        }
    }

    public static class Routes {
        @Get("/items/{item_id}")
        public Map<String, Object> item(int item_id) {
            return Map.of("item_id", item_id);
        }

        @Get("/search")
        public String search(String q, @DefaultValue("10") @Positive @Max(100) int limit, Optional<Color> color) {
            return q + ":" + limit + ":" + color.map(Enum::name).orElse("-");
        }

        @Get("/many")
        public List<Integer> many(List<Integer> n) {
            return n;
        }

        @Post("/items") @Status(201)
        public Item create(Item item) {
            return item;
        }

        @Post("/priced")
        public Priced priced(Priced priced) {
            return priced;
        }

        @Get("/digits")
        public double digits(@Query @jakarta.validation.constraints.Digits(integer = 3, fraction = 1) double x) {
            return x;
        }

        @Put("/items/{item_id}")
        public Map<String, Object> update(int item_id, String q, Item item) {
            return Map.of("item_id", item_id);
        }

        @Post("/tagged")
        public Tagged tagged(Tagged t) {
            return t;
        }

        @Post("/bulk")
        public int bulk(List<Item> items) {
            return items.size();
        }

        @Get("/headers")
        public String headers(@Header @NotBlank String x_token, @Header("User-Agent") String agent) {
            return x_token;
        }

        @Get("/cookie")
        public String cookie(@Cookie String session) {
            return session;
        }

        @Get("/paged")
        public String paged(Page page, @Query @Max(5) int size) {
            return page.number() + "/" + size;
        }
    }

    @BeforeAll
    static void start() {
        client = TestClient.of(App.create().provideFrom(Page.class, new PageFactory()).include(new Routes()));
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    static void assertJson(TestResponse r, int status, String expected) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(JSON.readTree(r.text())).as(r.text()).isEqualTo(JSON.readTree(expected));
    }

    @Test
    void intParsingInPath() {
        assertJson(client.get("/items/foo"), 422, """
                {"detail":[{"type":"int_parsing","loc":["path","item_id"],
                "msg":"Input should be a valid integer, unable to parse string as an integer","input":"foo"}]}""");
    }

    @Test
    void missingQueryParameter() {
        assertJson(client.get("/search"), 422, """
                {"detail":[{"type":"missing","loc":["query","q"],"msg":"Field required","input":null}]}""");
    }

    @Test
    void defaultValueAndOptionalEnum() {
        assertThat(client.get("/search?q=a").json(String.class)).isEqualTo("a:10:-");
        assertThat(client.get("/search?q=a&limit=5&color=green").json(String.class)).isEqualTo("a:5:green");
    }

    @Test
    void repeatedQueryKeyTakesTheLastValue() {
        assertThat(client.get("/search?q=a&q=b").json(String.class)).isEqualTo("b:10:-");
    }

    @Test
    void queryConstraintsAddCtx() {
        assertJson(client.get("/search?q=a&limit=0"), 422, """
                {"detail":[{"type":"greater_than","loc":["query","limit"],"msg":"Input should be greater than 0",
                "input":"0","ctx":{"gt":0}}]}""");
        assertJson(client.get("/search?q=a&limit=101"), 422, """
                {"detail":[{"type":"less_than_equal","loc":["query","limit"],
                "msg":"Input should be less than or equal to 100","input":"101","ctx":{"le":100}}]}""");
    }

    @Test
    void aDependencyFactorysConstraintsAreCheckedAndReportedWithTheHandlers() {
        assertThat(client.get("/paged?page=2&size=3").json(String.class)).isEqualTo("2/3");
        assertJson(client.get("/paged?page=0&size=9"), 422, """
                {"detail":[{"type":"greater_than","loc":["query","page"],"msg":"Input should be greater than 0",
                "input":"0","ctx":{"gt":0}},
                {"type":"less_than_equal","loc":["query","size"],"msg":"Input should be less than or equal to 5",
                "input":"9","ctx":{"le":5}}]}""");
    }

    @Test
    void conversionAndConstraintErrorsAreReportedTogetherInParameterOrder() {
        // FastAPI validates every parameter: a missing q, a limit out of range and a bad enum, at once.
        assertJson(client.get("/search?limit=0&color=blue"), 422, """
                {"detail":[{"type":"missing","loc":["query","q"],"msg":"Field required","input":null},
                {"type":"greater_than","loc":["query","limit"],"msg":"Input should be greater than 0","input":"0","ctx":{"gt":0}},
                {"type":"enum","loc":["query","color"],"msg":"Input should be 'red' or 'green'",
                "input":"blue","ctx":{"expected":"'red' or 'green'"}}]}""");
    }

    @Test
    void enumError() {
        assertJson(client.get("/search?q=a&color=blue"), 422, """
                {"detail":[{"type":"enum","loc":["query","color"],"msg":"Input should be 'red' or 'green'",
                "input":"blue","ctx":{"expected":"'red' or 'green'"}}]}""");
    }

    @Test
    void listQueryCollectsRepeatedKeysAndLocatesBadElements() {
        assertThat(client.get("/many?n=1&n=2").text()).isEqualTo("[1,2]");
        assertThat(client.get("/many").text()).isEqualTo("[]");
        assertJson(client.get("/many?n=1&n=x"), 422, """
                {"detail":[{"type":"int_parsing","loc":["query","n",1],
                "msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]}""");
    }

    @Test
    void bodyMissingFieldReportsTheWholeInput() {
        assertJson(client.post("/items", Map.of("name", "abc")), 422, """
                {"detail":[{"type":"missing","loc":["body","price"],"msg":"Field required","input":{"name":"abc"}}]}""");
    }

    @Test
    void bodyTypeErrorsAllAtOnce() {
        assertJson(client.post("/items", "{\"name\": 5, \"price\": \"abc\"}"), 422, """
                {"detail":[
                 {"type":"string_type","loc":["body","name"],"msg":"Input should be a valid string","input":5},
                 {"type":"float_parsing","loc":["body","price"],
                  "msg":"Input should be a valid number, unable to parse string as a number","input":"abc"}]}""");
    }

    @Test
    void bodyConstraintViolations() {
        assertJson(client.post("/items", Map.of("name", "ab", "price", 1)), 422, """
                {"detail":[{"type":"string_too_short","loc":["body","name"],
                "msg":"String should have at least 3 characters","input":"ab","ctx":{"min_length":3}}]}""");
        assertJson(client.post("/items", Map.of("name", "abc", "price", -1)), 422, """
                {"detail":[{"type":"greater_than","loc":["body","price"],"msg":"Input should be greater than 0",
                "input":-1,"ctx":{"gt":0}}]}""");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNonFiniteNumberForADigitsConstrainedFloatIs422FiniteNumberNot500() throws Exception {
        // Hibernate Validator's @Digits check fails on the text of NaN and infinity (an exception, a 500
        // before); pydantic answers a number that must be finite so
        for (String body : List.of("{\"price\": 1e400}", "{\"price\": -1e400}", "{\"price\": NaN}",
                "{\"price\": Infinity}", "{\"price\": \"1e400\"}")) {
            TestResponse r = client.post("/priced", body);
            assertThat(r.status()).as(body + " -> " + r.text()).isEqualTo(422);
            Map<String, Object> error = ((List<Map<String, Object>>) JSON.readValue(r.text(), Map.class).get("detail")).get(0);
            assertThat(error).as(body).containsEntry("type", "finite_number").containsEntry("loc", List.of("body", "price"))
                    .containsEntry("msg", "Input should be a finite number");
        }
        for (String x : List.of("1e400", "-1e400", "nan")) {
            TestResponse r = client.get("/digits?x=" + x);
            assertThat(r.status()).as(x + " -> " + r.text()).isEqualTo(422);
        }
        assertThat(client.get("/digits?x=12.5").status()).isEqualTo(200);
        assertThat(client.post("/priced", "{\"price\": 12.34}").status()).isEqualTo(200);
        assertThat(client.post("/priced", "{\"price\": 12.345}").status()).as("a finite value still checked").isEqualTo(422);
    }

    @Test
    void patternAndListSizeConstraints() {
        assertJson(client.post("/tagged", Map.of("tag", "A1", "labels", List.of("a", "b", "c"))), 422, """
                {"detail":[
                 {"type":"string_pattern_mismatch","loc":["body","tag"],"msg":"String should match pattern '^[a-z]+$'",
                  "input":"A1","ctx":{"pattern":"^[a-z]+$"}},
                 {"type":"too_long","loc":["body","labels"],"msg":"List should have at most 2 items after validation, not 3",
                  "input":["a","b","c"],"ctx":{"field_type":"List","max_length":2,"actual_length":3}}]}""");
    }

    @Test
    void validBodyIsCreatedWithStatus() {
        TestResponse r = client.post("/items", Map.of("name", "abc", "price", 2.5));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json(JsonNode.class).get("name").asString()).isEqualTo("abc");
    }

    @Test
    void missingBody() {
        assertJson(client.postRaw("/items", "application/json", new byte[0]), 422, """
                {"detail":[{"type":"missing","loc":["body"],"msg":"Field required","input":null}]}""");
    }

    @Test
    void malformedJsonIsJsonInvalid() {
        TestResponse r = client.post("/items", "{\"name\": ");
        assertThat(r.status()).isEqualTo(422);
        JsonNode e = r.json(JsonNode.class).get("detail").get(0);
        assertThat(e.get("type").asString()).isEqualTo("json_invalid");
        assertThat(e.get("msg").asString()).isEqualTo("JSON decode error");
        assertThat(e.get("loc").get(0).asString()).isEqualTo("body");
        assertThat(e.get("loc").get(1).isNumber()).isTrue();
    }

    @Test
    void pathQueryAndBodyErrorsTogetherInFastApiOrder() {
        TestResponse r = client.put("/items/x", Map.of("price", 1));
        assertJson(r, 422, """
                {"detail":[
                 {"type":"int_parsing","loc":["path","item_id"],
                  "msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"},
                 {"type":"missing","loc":["query","q"],"msg":"Field required","input":null},
                 {"type":"missing","loc":["body","name"],"msg":"Field required","input":{"price":1}}]}""");
    }

    @Test
    void listOfRecordsLocatesTheElement() {
        assertJson(client.post("/bulk", List.of(Map.of("name", "abc", "price", 1), Map.of("name", "abc"))), 422, """
                {"detail":[{"type":"missing","loc":["body",1,"price"],"msg":"Field required","input":{"name":"abc"}}]}""");
    }

    @Test
    void headersUseHyphenatedNames() {
        assertThat(client.get("/headers", "X-Token", "t1").json(String.class)).isEqualTo("t1");
        assertJson(client.get("/headers"), 422, """
                {"detail":[{"type":"missing","loc":["header","x-token"],"msg":"Field required","input":null}]}""");
    }

    @Test
    void cookies() {
        assertThat(client.get("/cookie", "Cookie", "a=1; session=s3").json(String.class)).isEqualTo("s3");
        assertJson(client.get("/cookie"), 422, """
                {"detail":[{"type":"missing","loc":["cookie","session"],"msg":"Field required","input":null}]}""");
    }
}
