package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a route declares about its operation, written from FastAPI's docs ("Path Operation
 * Configuration", "Additional Responses in OpenAPI", "Metadata and Docs URLs", "Dependencies in path
 * operation decorators", "Global Dependencies"), checked against the document the running server serves
 * and against what the server really answers.
 */
class OpenApiOperationsTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static TestClient client;
    static String text;
    static JsonNode doc;

    public record Item(int id, String name) {
    }

    /** The body {@code HttpException} answers with. */
    public record Message(String detail) {
    }

    /** Who calls: from a required {@code x-token} header (FastAPI's {@code verify_token}). */
    public record Token(String value) {
    }

    /** From a required {@code x-key} header: the app-wide dependency. */
    public record ApiKey(String value) {
    }

    public static final class TokenFactory {
        public Token token(@Header("x-token") String token) {
            if (!token.equals("fake-super-secret-token")) {
                throw new HttpException(400, "X-Token header invalid");
            }
            return new Token(token);
        }
    }

    public static final class ApiKeyFactory {
        public ApiKey key(@Header("x-key") String key) {
            if (!key.equals("fake-super-secret-key")) {
                throw new HttpException(400, "X-Key header invalid");
            }
            return new ApiKey(key);
        }
    }

    public static class ItemRoutes {
        @Get("/items/{itemId}")
        @Operation(summary = "Read an item", description = "The item with this id, **as stored**.",
                operationId = "readItem", tags = "reading")
        @ApiResponse(status = 404, model = Message.class, description = "Item not found")
        public Item readItem(int itemId) {
            if (itemId != 1) {
                throw new HttpException(404, "Item not found");
            }
            return new Item(1, "Foo");
        }

        @Post("/items")
        @Status(201)
        @ApiResponse(status = 409, model = Message.class, description = "An item with this name exists")
        @ApiResponse(status = 400)
        @ApiResponse(status = 499)
        public Item createItem(Item item) {
            return item;
        }

        @Deprecated
        @Get("/elements")
        public List<Item> readElements() {
            return List.of();
        }

        @Get("/hidden")
        @Operation(includeInSchema = false)
        public String hidden() {
            return "served";
        }

        @Get("/items.csv")
        @Produces("text/csv")
        public Response export() {
            return Response.bytes(200, "text/csv", "id,name\n1,Foo\n".getBytes(StandardCharsets.UTF_8));
        }

        @Get("/prices")
        public EventStream prices() {
            return EventStream.of(subscriber -> subscriber.onSubscribe(new java.util.concurrent.Flow.Subscription() {
                @Override
                public void request(long n) {
                    subscriber.onComplete();
                }

                @Override
                public void cancel() {
                }
            }));
        }

        @Get("/teapot")
        @ApiResponse(status = 422, model = Message.class, description = "Not a teapot")
        public String teapot(int cups) {
            return "tea";
        }
    }

    @BeforeAll
    static void start() {
        App app = App.create().info("Operations", "1.0.0")
                .provideFrom(Token.class, new TokenFactory()).provideFrom(ApiKey.class, new ApiKeyFactory())
                .dependencies(ApiKey.class)
                .tag("items", "Operations with items. The **login** logic is also here.")
                .tag("reading", "Only reads.")
                .include(Router.of(new ItemRoutes()).tags("items").dependencies(Token.class));
        app.get("/hello/{name}", req -> Map.of("hello", req.pathParam("name")));
        app.get("/users/{userId}", req -> new Item(Integer.parseInt(req.pathParam("userId")), "Ada"),
                RouteInfo.none().withSummary("Read a user").withDescription("One user.").withTags("users")
                        .withOperationId("readUser").withResponseModel(Item.class)
                        .withResponse(404, Message.class, "User not found").withDeprecated());
        app.get("/users.csv", req -> Response.bytes(200, "text/csv", new byte[0]),
                RouteInfo.none().withResponseMediaType("text/csv"));
        app.get("/internal", req -> "served", RouteInfo.none().withoutSchema());
        client = TestClient.of(app);
        text = client.get("/openapi.json").text();
        doc = JSON.readTree(text);
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    private static JsonNode op(String path, String method) {
        JsonNode op = doc.path("paths").path(path).path(method);
        assertThat(op.isObject()).as("%s %s in %s", method, path, doc.path("paths").propertyNames()).isTrue();
        return op;
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private static List<String> parameters(JsonNode op) {
        List<String> out = new ArrayList<>();
        op.path("parameters").forEach(p -> out.add(p.path("in").asString() + " " + p.path("name").asString()
                + (p.path("required").asBoolean() ? " required" : "")));
        return out;
    }

    private static final String KEY = "fake-super-secret-key";
    private static final String TOKEN = "fake-super-secret-token";

    @Test
    void operationAnnotationSetsSummaryDescriptionOperationIdAndTagsAfterTheRoutersTags() {
        JsonNode read = op("/items/{itemId}", "get");
        assertThat(read.path("tags")).isEqualTo(json("[\"items\",\"reading\"]"));
        assertThat(read.path("summary").asString()).isEqualTo("Read an item");
        assertThat(read.path("description").asString()).isEqualTo("The item with this id, **as stored**.");
        assertThat(read.path("operationId").asString()).isEqualTo("readItem");
        assertThat(read.propertyNames()).as("FastAPI's key order").containsExactly("tags", "summary", "description",
                "operationId", "parameters", "responses");
        assertThat(read.has("deprecated")).isFalse();
    }

    @Test
    void declaredResponsesAreMergedAfterTheSuccessResponseAndBefore422() {
        JsonNode responses = op("/items/{itemId}", "get").path("responses");
        assertThat(responses.propertyNames()).containsExactly("200", "404", "422");
        assertThat(responses.path("404")).isEqualTo(json("""
                {"description":"Item not found",
                 "content":{"application/json":{"schema":{"$ref":"#/components/schemas/Message"}}}}"""));
        assertThat(doc.at("/components/schemas/Message")).isEqualTo(json("""
                {"properties":{"detail":{"type":"string","title":"Detail"}},"type":"object","required":["detail"],
                 "title":"Message"}"""));
        JsonNode create = op("/items", "post").path("responses");
        assertThat(create.propertyNames()).containsExactly("201", "409", "400", "499", "422");
        assertThat(create.path("400")).as("no model: no content; no description: the reason phrase")
                .isEqualTo(json("{\"description\":\"Bad Request\"}"));
        assertThat(create.path("499")).as("a status without a reason phrase")
                .isEqualTo(json("{\"description\":\"Additional Response\"}"));
    }

    @Test
    void theDeclaredBodyIsWhatTheServerAnswers() {
        TestResponse missing = client.get("/items/2", "x-key", KEY, "x-token", TOKEN);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json(Message.class)).isEqualTo(new Message("Item not found"));
        assertThat(missing.header("content-type")).isEqualTo("application/json");
    }

    @Test
    void aDeclared422ReplacesTheValidationErrorResponse() {
        JsonNode responses = op("/teapot", "get").path("responses");
        assertThat(responses.propertyNames()).containsExactly("200", "422");
        assertThat(responses.at("/422/description").asString()).isEqualTo("Not a teapot");
        assertThat(responses.at("/422/content/application~1json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/Message");
    }

    @Test
    void javaDeprecatedMarksTheOperationDeprecatedAndItIsStillServed() {
        assertThat(op("/elements", "get").path("deprecated").asBoolean()).isTrue();
        assertThat(op("/elements", "get").path("summary").asString()).isEqualTo("Read Elements");
        assertThat(client.get("/elements", "x-key", KEY, "x-token", TOKEN).status()).isEqualTo(200);
    }

    @Test
    void routesLeftOutOfTheSchemaAreStillServed() {
        assertThat(doc.path("paths").has("/hidden")).isFalse();
        assertThat(doc.path("paths").has("/internal")).isFalse();
        assertThat(client.get("/hidden", "x-key", KEY, "x-token", TOKEN).json(String.class)).isEqualTo("served");
        assertThat(client.get("/internal", "x-key", KEY).json(String.class)).isEqualTo("served");
    }

    @Test
    void producesDocumentsANonJsonSuccessBodyAsAString() {
        assertThat(op("/items.csv", "get").at("/responses/200")).isEqualTo(json("""
                {"description":"Successful Response","content":{"text/csv":{"schema":{"type":"string"}}}}"""));
        assertThat(op("/users.csv", "get").at("/responses/200/content")).isEqualTo(json("""
                {"text/csv":{"schema":{"type":"string"}}}"""));
        TestResponse csv = client.get("/items.csv", "x-key", KEY, "x-token", TOKEN);
        assertThat(csv.header("content-type")).isEqualTo("text/csv");
    }

    @Test
    void anEventStreamIsDocumentedAsTextEventStream() {
        assertThat(op("/prices", "get").at("/responses/200/content")).isEqualTo(json("""
                {"text/event-stream":{"schema":{"type":"string"}}}"""));
        assertThat(client.get("/prices", "x-key", KEY, "x-token", TOKEN).header("content-type"))
                .startsWith("text/event-stream");
    }

    @Test
    void routerAndAppDependenciesParametersAppearOnEveryOperationTheyGuardWith422() {
        for (String[] route : new String[][] {{"/items/{itemId}", "get"}, {"/items", "post"}, {"/elements", "get"},
                {"/items.csv", "get"}}) {
            JsonNode op = op(route[0], route[1]);
            assertThat(parameters(op)).as("%s %s", route[1], route[0])
                    .containsSubsequence("header x-key required", "header x-token required");
            assertThat(op.path("responses").has("422")).as("%s %s", route[1], route[0]).isTrue();
        }
        JsonNode lambda = op("/hello/{name}", "get");
        assertThat(parameters(lambda)).containsExactly("header x-key required", "path name required");
        assertThat(lambda.path("responses").has("422")).as("the app's dependency validates a header").isTrue();
        assertThat(parameters(op("/items/{itemId}", "get")))
                .containsExactly("path itemId required", "header x-key required", "header x-token required");
    }

    @Test
    void theDocumentedDependencyParametersAreEnforced() {
        TestResponse none = client.get("/items/1");
        assertThat(none.status()).isEqualTo(422);
        assertThat(none.text()).contains("\"loc\":[\"header\",\"x-key\"]", "\"loc\":[\"header\",\"x-token\"]");
        TestResponse lambda = client.get("/hello/ada");
        assertThat(lambda.status()).isEqualTo(422);
        assertThat(lambda.text()).contains("\"loc\":[\"header\",\"x-key\"]");
        assertThat(client.get("/hello/ada", "x-key", "wrong").status()).isEqualTo(400);
        assertThat(client.get("/hello/ada", "x-key", KEY).text()).isEqualTo("{\"hello\":\"ada\"}");
        assertThat(client.get("/items/1", "x-key", KEY, "x-token", TOKEN).status()).isEqualTo(200);
    }

    @Test
    void lambdaRoutesDeclareTheirOperationThroughRouteInfo() {
        JsonNode user = op("/users/{userId}", "get");
        assertThat(user.path("tags")).isEqualTo(json("[\"users\"]"));
        assertThat(user.path("summary").asString()).isEqualTo("Read a user");
        assertThat(user.path("description").asString()).isEqualTo("One user.");
        assertThat(user.path("operationId").asString()).isEqualTo("readUser");
        assertThat(user.path("deprecated").asBoolean()).isTrue();
        assertThat(user.at("/responses/200/content/application~1json/schema/$ref").asString())
                .as("the declared response model").isEqualTo("#/components/schemas/Item");
        assertThat(user.at("/responses/404/description").asString()).isEqualTo("User not found");
    }

    @Test
    void aLambdaRouteWithoutASummaryGetsOneFromItsMethodAndPath() {
        assertThat(op("/hello/{name}", "get").path("summary").asString()).isEqualTo("Get Hello Name");
        assertThat(op("/users.csv", "get").path("summary").asString()).isEqualTo("Get Users Csv");
    }

    @Test
    void describedTagsAreTheDocumentsTopLevelTagsInTheOrderDescribed() {
        assertThat(doc.path("tags")).isEqualTo(json("""
                [{"name":"items","description":"Operations with items. The **login** logic is also here."},
                 {"name":"reading","description":"Only reads."}]"""));
        assertThat(doc.propertyNames()).containsExactly("openapi", "info", "paths", "components", "tags");
    }

    /** FastAPI's "Dependencies in path operation decorators" (tutorial006): two header-checking dependencies. */
    public record VerifiedToken(String value) {
    }

    public record VerifiedKey(String value) {
    }

    public static final class Verifiers {
        public VerifiedToken token(@Header("x-token") String token) {
            if (!token.equals("fake-super-secret-token")) {
                throw new HttpException(400, "X-Token header invalid");
            }
            return new VerifiedToken(token);
        }
    }

    public static final class KeyVerifier {
        public VerifiedKey key(@Header("x-key") String key) {
            if (!key.equals("fake-super-secret-key")) {
                throw new HttpException(400, "X-Key header invalid");
            }
            return new VerifiedKey(key);
        }
    }

    public static class Tutorial006 {
        @Get("/items/")
        public Object readItems() {
            return List.of(Map.of("item", "Foo"), Map.of("item", "Bar"));
        }
    }

    @Test
    void dependenciesInPathOperationDecoratorsMatchFastApisTutorial006() {
        App app = App.create().provideFrom(VerifiedToken.class, new Verifiers())
                .provideFrom(VerifiedKey.class, new KeyVerifier())
                .include(Router.of(new Tutorial006()).dependencies(VerifiedToken.class, VerifiedKey.class));
        try (TestClient c = TestClient.of(app)) {
            JsonNode fastapi = json("""
                    {"summary":"Read Items","operationId":"readItems_items__get",
                     "parameters":[
                       {"name":"x-token","in":"header","required":true,"schema":{"type":"string","title":"X Token"}},
                       {"name":"x-key","in":"header","required":true,"schema":{"type":"string","title":"X Key"}}],
                     "responses":{
                       "200":{"description":"Successful Response","content":{"application/json":{"schema":{}}}},
                       "422":{"description":"Validation Error",
                              "content":{"application/json":{"schema":{"$ref":"#/components/schemas/HTTPValidationError"}}}}}}
                    """);
            assertThat(JSON.readTree(c.get("/openapi.json").text()).at("/paths/~1items~1/get")).isEqualTo(fastapi);
            assertThat(c.get("/items/", "x-token", "fake-super-secret-token", "x-key", "fake-super-secret-key").text())
                    .isEqualTo("[{\"item\":\"Foo\"},{\"item\":\"Bar\"}]");
            assertThat(c.get("/items/", "x-token", "wrong", "x-key", "fake-super-secret-key").text())
                    .isEqualTo("{\"detail\":\"X-Token header invalid\"}");
            assertThat(c.get("/items/", "x-token", "fake-super-secret-token", "x-key", "wrong").status())
                    .isEqualTo(400);
            TestResponse none = c.get("/items/");
            assertThat(none.status()).isEqualTo(422);
            assertThat(none.text()).contains("\"loc\":[\"header\",\"x-token\"]", "\"loc\":[\"header\",\"x-key\"]");
        }
    }

    @Test
    void aDuplicateDeclaredOperationIdIsKeptAndWarnedAbout() {
        App app = App.create();
        app.get("/a", req -> "a", RouteInfo.none().withOperationId("same"));
        app.get("/b", req -> "b", RouteInfo.none().withOperationId("same"));
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        JsonNode document;
        try (TestClient c = TestClient.of(app)) {
            document = JSON.readTree(c.get("/openapi.json").text());
        } finally {
            System.setErr(err);
        }
        assertThat(document.at("/paths/~1b/get/operationId").asString()).isEqualTo("same");
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("Duplicate Operation ID same for GET /b");
    }

    @Test
    void isValidOpenApi31PerSwaggerParser() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
        assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
    }
}
