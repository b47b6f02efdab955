package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Size;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Constraints on optional query, header and cookie parameters, in either place Java allows them
 * ({@code Optional<@Size(min = 3) String>} and {@code @Size(min = 3) Optional<String>}): both
 * validate the value when present, as FastAPI's {@code q: Annotated[str | None, Query(min_length=3)] = None}
 * does (pydantic {@code string_too_short}, ctx {@code min_length}); absent, nothing is checked. A
 * constraint that cannot apply to its type fails when the app starts.
 */
class OptionalParameterConstraintsTest {
    static TestClient client;
    static final JsonMapper JSON = JsonMapper.builder().build();

    public static class Routes {
        @Get("/inner")
        public String inner(Optional<@Size(min = 3) String> q) {
            return q.orElse("-");
        }

        @Get("/outer")
        public String outer(@Size(min = 3) Optional<String> q) {
            return q.orElse("-");
        }

        @Get("/number")
        public String number(@Max(10) Optional<Integer> n) {
            return n.map(String::valueOf).orElse("-");
        }

        @Get("/header")
        public String header(@Header @Size(min = 3) Optional<String> xToken) {
            return xToken.orElse("-");
        }

        @Get("/cookie")
        public String cookie(@Cookie Optional<@Size(max = 2) String> session) {
            return session.orElse("-");
        }
    }

    public static class Impossible {
        @Get("/impossible")
        public String impossible(@Size(min = 3) Optional<Integer> n) {
            return "never";
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

    static void assertJson(TestResponse r, int status, String expected) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(JSON.readTree(r.text())).as(r.text()).isEqualTo(JSON.readTree(expected));
    }

    static String tooShort(String where, String name, String input) {
        return "{\"detail\":[{\"type\":\"string_too_short\",\"loc\":[\"" + where + "\",\"" + name + "\"],"
                + "\"msg\":\"String should have at least 3 characters\",\"input\":\"" + input
                + "\",\"ctx\":{\"min_length\":3}}]}";
    }

    @Test
    void aConstraintOnTheTypeArgumentValidatesThePresentValue() {
        assertThat(client.get("/inner?q=abcd").json(String.class)).isEqualTo("abcd");
        assertThat(client.get("/inner").json(String.class)).isEqualTo("-");
        assertJson(client.get("/inner?q=ab"), 422, tooShort("query", "q", "ab"));
    }

    @Test
    void aConstraintOnTheOptionalValidatesThePresentValue() {
        assertThat(client.get("/outer?q=abcd").json(String.class)).isEqualTo("abcd");
        assertThat(client.get("/outer").json(String.class)).isEqualTo("-");
        assertJson(client.get("/outer?q=ab"), 422, tooShort("query", "q", "ab"));
    }

    @Test
    void numbersHeadersAndCookies() {
        assertThat(client.get("/number?n=3").json(String.class)).isEqualTo("3");
        assertJson(client.get("/number?n=11"), 422, """
                {"detail":[{"type":"less_than_equal","loc":["query","n"],"msg":"Input should be less than or equal to 10",
                "input":"11","ctx":{"le":10}}]}""");
        assertThat(client.get("/header", "X-Token", "abc").json(String.class)).isEqualTo("abc");
        assertJson(client.get("/header", "X-Token", "ab"), 422, tooShort("header", "x-token", "ab"));
        assertThat(client.get("/cookie", "Cookie", "session=ab").json(String.class)).isEqualTo("ab");
        assertJson(client.get("/cookie", "Cookie", "session=abc"), 422, """
                {"detail":[{"type":"string_too_long","loc":["cookie","session"],
                "msg":"String should have at most 2 characters","input":"abc","ctx":{"max_length":2}}]}""");
    }

    @Test
    void openApiListsTheConstraintInEitherPlace() {
        // FastAPI: q: Annotated[str | None, Query(min_length=3)] = None
        //   -> {"anyOf":[{"type":"string","minLength":3},{"type":"null"}]}
        var doc = JSON.readTree(client.get("/openapi.json").text());
        for (String path : new String[] {"/inner", "/outer"}) {
            var schema = doc.get("paths").get(path).get("get").get("parameters").get(0).get("schema");
            assertThat(schema.get("anyOf").get(0).get("minLength").asInt()).as(path + " " + schema).isEqualTo(3);
            assertThat(schema.get("anyOf").get(1).get("type").asString()).isEqualTo("null");
        }
    }

    @Test
    void aConstraintThatCannotApplyFailsAtStartup() {
        assertThatThrownBy(() -> TestClient.of(App.create().include(new Impossible())).close())
                .hasMessageContaining("Impossible.impossible")
                .hasMessageContaining("'n'")
                .hasMessageContaining("Size");
    }
}
