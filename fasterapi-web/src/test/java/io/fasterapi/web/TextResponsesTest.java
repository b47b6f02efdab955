package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.core.Future;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A {@code String} a route returns is JSON, as FastAPI answers a {@code str}; a route declaring a
 * media type that is not JSON ({@code @Produces("text/plain")}, FastAPI's
 * {@code response_class=PlainTextResponse}) answers it as text, and OpenAPI documents either as it is
 * sent. Over a real loopback socket.
 */
class TextResponsesTest {
    static TestClient client;
    static JsonNode doc;

    public static final class Routes {
        @Get("/greeting")
        public String greeting() {
            return "Hello, \"World\"";
        }

        @Get("/plain")
        @Produces("text/plain")
        public String plain() {
            return "Hello, World!";
        }

        @Get("/page")
        @Produces("text/html")
        public String page() {
            return "<h1>Hi</h1>";
        }

        @Get("/report.csv")
        @Produces("text/csv; charset=utf-8")
        public String report() {
            return "a,b\n1,2\n";
        }

        @Get("/pixel")
        @Produces("image/gif")
        public byte[] pixel() {
            return new byte[] {'G', 'I', 'F'};
        }

        @Get("/later")
        @Produces("text/plain")
        public Future<String> later() {
            return Future.ready("on the loop");
        }

        @Get("/problem")
        @Produces("application/problem+json")
        public String problem() {
            return "still JSON";
        }
    }

    @BeforeAll
    static void start() {
        App app = App.create().include(new Routes());
        app.get("/lambda", req -> "from a lambda");
        app.get("/lambda.txt", req -> "from a lambda", RouteInfo.none().withResponseMediaType("text/plain"));
        client = TestClient.of(app);
        doc = client.get("/openapi.json").json(JsonNode.class);
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void aStringIsAJsonString() {
        TestResponse r = client.get("/greeting");
        assertThat(r.header("content-type")).isEqualTo("application/json");
        assertThat(r.text()).isEqualTo("\"Hello, \\\"World\\\"\"");
        assertThat(client.get("/lambda").text()).isEqualTo("\"from a lambda\"");
        assertThat(client.get("/problem").text()).as("a JSON media type keeps the JSON string").isEqualTo("\"still JSON\"");
    }

    @Test
    void aTextRouteAnswersItsStringAsText() {
        TestResponse plain = client.get("/plain");
        assertThat(plain.header("content-type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(plain.text()).isEqualTo("Hello, World!");
        assertThat(client.get("/page").header("content-type")).isEqualTo("text/html; charset=utf-8");
        assertThat(client.get("/page").text()).isEqualTo("<h1>Hi</h1>");
        assertThat(client.get("/report.csv").header("content-type")).as("a charset named is kept")
                .isEqualTo("text/csv; charset=utf-8");
        assertThat(client.get("/later").text()).isEqualTo("on the loop");
        assertThat(client.get("/lambda.txt").header("content-type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(client.get("/lambda.txt").text()).isEqualTo("from a lambda");
    }

    @Test
    void bytesTakeTheDeclaredMediaType() {
        TestResponse r = client.get("/pixel");
        assertThat(r.header("content-type")).isEqualTo("image/gif");
        assertThat(new String(r.bytes(), StandardCharsets.US_ASCII)).isEqualTo("GIF");
    }

    @Test
    void openApiDocumentsWhatIsSent() {
        assertThat(content("/greeting").propertyNames()).containsExactly("application/json");
        assertThat(content("/greeting").at("/application~1json/schema/type").asString()).isEqualTo("string");
        assertThat(content("/plain").propertyNames()).containsExactly("text/plain");
        assertThat(content("/page").propertyNames()).containsExactly("text/html");
        assertThat(content("/pixel").at("/image~1gif/schema/format").asString()).isEqualTo("binary");
        assertThat(content("/lambda.txt").propertyNames()).containsExactly("text/plain");
    }

    private static JsonNode content(String path) {
        return doc.at("/paths/" + path.replace("/", "~1") + "/get/responses/200/content");
    }
}
