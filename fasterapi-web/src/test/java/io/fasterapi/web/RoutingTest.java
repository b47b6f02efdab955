package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RoutingTest {
    static TestClient client;

    public static class ItemRoutes {
        @Get("/items/{itemId}")
        public Map<String, Object> item(int itemId) {
            return Map.of("id", itemId);
        }

        @Get("/items/special")
        public String special() {
            return "special";
        }

        @Delete("/items/{itemId}")
        public void remove(int itemId) {
        }

        @Get("/files/{rest:path}")
        public String file(String rest) {
            return "file:" + rest;
        }
    }

    @BeforeAll
    static void start() {
        App app = App.create().include(new ItemRoutes()).include("/v1", new ItemRoutes(), "v1");
        app.get("/hello", req -> Map.of("message", "hello"));
        app.post("/echo", Request::bodyAsString);
        app.post("/echo.txt", Request::bodyAsString, RouteInfo.none().withResponseMediaType("text/plain"));
        app.post("/echo.html", req -> Response.html("<p>" + req.bodyAsString() + "</p>"));
        client = TestClient.of(app);
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void lambdaRouteAnswersJson() {
        TestResponse r = client.get("/hello");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).isEqualTo("application/json");
        assertThat(r.text()).isEqualTo("{\"message\":\"hello\"}");
        assertThat(r.header("server")).isEqualTo("FasterAPI");
        assertThat(r.header("date")).endsWith("GMT");
        assertThat(r.header("x-request-id")).hasSize(16);
    }

    @Test
    void pathParameterIsConverted() {
        assertThat(client.get("/items/42").json(JsonNode.class).get("id").asInt()).isEqualTo(42);
    }

    @Test
    void literalSegmentWinsOverVariable() {
        assertThat(client.get("/items/special").json(String.class)).isEqualTo("special");
    }

    @Test
    void restOfPathVariableTakesSlashes() {
        assertThat(client.get("/files/a/b/c.txt").json(String.class)).isEqualTo("file:a/b/c.txt");
    }

    @Test
    void prefixedGroupServesTheSameRoutes() {
        assertThat(client.get("/v1/items/7").status()).isEqualTo(200);
    }

    @Test
    void unknownPathIs404WithFastApiBody() {
        TestResponse r = client.get("/nope");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text()).isEqualTo("{\"detail\":\"Not Found\"}");
    }

    @Test
    void wrongMethodIs405WithAllow() {
        TestResponse r = client.send("PUT", "/items/1", new byte[0], null);
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.text()).isEqualTo("{\"detail\":\"Method Not Allowed\"}");
        assertThat(r.header("allow")).isEqualTo("GET, DELETE, HEAD");
    }

    @Test
    void voidHandlerIs204() {
        TestResponse r = client.delete("/items/3");
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.text()).isEmpty();
    }

    @Test
    void headHasGetHeadersWithoutBody() {
        TestResponse r = client.send("HEAD", "/hello", null, null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-length")).isEqualTo("19");
        assertThat(r.text()).isEmpty();
    }

    @Test
    void requestIdFromClientIsEchoed() {
        assertThat(client.get("/hello", "X-Request-Id", "abc-123").header("x-request-id")).isEqualTo("abc-123");
    }

    @Test
    void aStringResultIsAJsonStringAsFastApiAnswersAStr() {
        TestResponse r = client.post("/echo", "hi \"there\"");
        assertThat(r.header("content-type")).isEqualTo("application/json");
        assertThat(r.text()).isEqualTo("\"hi \\\"there\\\"\"");
        assertThat(r.json(String.class)).isEqualTo("hi \"there\"");
    }

    @Test
    void aStringResultOfATextRouteIsText() {
        TestResponse r = client.post("/echo.txt", "hi there");
        assertThat(r.header("content-type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(r.text()).isEqualTo("hi there");
        TestResponse html = client.post("/echo.html", "hi");
        assertThat(html.header("content-type")).isEqualTo("text/html; charset=utf-8");
        assertThat(html.text()).isEqualTo("<p>hi</p>");
    }
}
