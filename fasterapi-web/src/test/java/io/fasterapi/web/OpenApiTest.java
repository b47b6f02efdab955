package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.core.Future;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code /openapi.json}: what each route, parameter and model becomes, and validity per swagger-parser. */
class OpenApiTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static TestClient client;
    static String text;
    static JsonNode doc;

    public enum Fit { S, M, L }

    public record Dimensions(@Positive double width, @DecimalMax(value = "10.5", inclusive = false) double height) {
    }

    public record Item(@NotBlank @Size(max = 50) String name, @Positive double price, @Min(0) @Max(1000) int stock,
                       Optional<@Size(max = 200) String> description, @NotEmpty List<@Size(max = 20) String> tags,
                       Dimensions dimensions, Fit fit,
                       UUID sku, LocalDate since, OffsetDateTime updated) {
    }

    public record Page<T>(List<T> items, long total) {
    }

    public record Category(String name, List<Category> children) {
    }

    /** A POJO: getters are its properties; {@code @NotNull} makes one required. */
    public static final class Label {
        private String text;
        @NotNull
        public Integer priority;

        public String getText() {
            return text;
        }

        public void setText(String text) {
            this.text = text;
        }
    }

    /** Who calls, from a factory binding a header, a query parameter, a path parameter and a sub-dependency. */
    public record Caller(String token, String lang, Tenant tenant, int orderId) {
    }

    /** The tenant, from a factory binding a cookie and the same query parameter as {@link Caller}'s. */
    public record Tenant(String name, String lang) {
    }

    public static final class CallerFactory {
        public Caller caller(@Header("X-Token") String token, @Query @DefaultValue("en") String lang, Tenant tenant,
                             @Path("orderId") int orderId) {
            return new Caller(token, lang, tenant, orderId);
        }
    }

    public static final class TenantFactory {
        public Tenant tenant(@Cookie("tenant") String name, @Query @DefaultValue("en") String lang,
                             @Header("X-Token") Optional<String> token) {
            return new Tenant(name, lang);
        }
    }

    public static class ItemRoutes {
        @Post("/profile")
        public String profile(@Form String name, @Form @DefaultValue("18") @Min(0) int age,
                              @Form Optional<String> nickname, UploadFile avatar, Optional<UploadFile> banner,
                              List<UploadFile> attachments) {
            return name;
        }

        @Post("/login")
        public String login(@Form String username, @Form String password, @Form List<String> scope) {
            return username;
        }

        @Get("/orders/{orderId}")
        public String order(int orderId, Caller caller, Optional<String> fields) {
            return caller.token() + " " + caller.lang() + " " + caller.tenant().name() + " " + caller.orderId()
                    + " " + orderId;
        }

        @Get("/items/{itemId}")
        public Item getItem(int itemId, @Query("verbose") Optional<Boolean> verbose) {
            return null;
        }

        @Get("/items")
        public Page<Item> listItems(@DefaultValue("50") @Max(100) int limit, List<String> tag,
                                    @Header("X-Request-Source") Optional<String> source,
                                    @Cookie Optional<String> session) {
            return null;
        }

        @Post("/items") @Status(201)
        public Item createItem(@Body Item item) {
            return item;
        }

        @Delete("/items/{itemId}")
        public void deleteItem(long itemId) {
        }

        @Get("/items/{itemId}/async")
        public Future<Item> getItemAsync(UUID itemId) {
            return Future.ready(null);
        }

        @Get("/categories")
        public List<Category> categories() {
            return List.of();
        }

        @Post("/labels")
        public Label label(Label label) {
            return label;
        }

        @Get("/files/{path:path}")
        public String file(String path) {
            return path;
        }

        @Get("/search")
        public String search(@Pattern(regexp = "^[a-z]+$") String q, Fit fit, LocalDate day) {
            return q;
        }
    }

    @BeforeAll
    static void start() {
        App app = App.create().info("Shop", "2.1.0").include("/api", new ItemRoutes(), "items")
                .provideFrom(Caller.class, new CallerFactory()).provideFrom(Tenant.class, new TenantFactory());
        app.get("/hello/{name}", req -> Map.of("hello", req.pathParam("name")));
        client = TestClient.of(app);
        TestResponse r = client.get("/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).isEqualTo("application/json");
        text = r.text();
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

    private static JsonNode param(JsonNode op, String name) {
        for (JsonNode p : op.path("parameters")) {
            if (p.path("name").asString().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no parameter " + name + " in " + op);
    }

    private static JsonNode schema(String name) {
        JsonNode s = doc.path("components").path("schemas").path(name);
        assertThat(s.isObject()).as("schema %s in %s", name, doc.path("components").path("schemas").propertyNames())
                .isTrue();
        return s;
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void isValidOpenApi31PerSwaggerParser() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
        assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(result.getOpenAPI().getPaths()).containsKey("/api/items/{itemId}");
        assertThat(result.getOpenAPI().getPaths().get("/api/profile").getPost().getRequestBody().getContent())
                .containsOnlyKeys("multipart/form-data");
        assertThat(result.getOpenAPI().getComponents().getSchemas()).containsKey("Body_profile_api_profile_post");
        assertThat(result.getOpenAPI().getPaths().get("/api/orders/{orderId}").getGet().getParameters())
                .extracting(p -> p.getIn() + " " + p.getName())
                .containsExactly("path orderId", "query fields", "header x-token", "query lang", "cookie tenant");
    }

    @Test
    void formFieldsAndFilesAreAMultipartBodyObjectAsFastApisBodySchema() {
        JsonNode op = op("/api/profile", "post");
        assertThat(op.path("operationId").asString()).isEqualTo("profile_api_profile_post");
        assertThat(op.path("requestBody")).isEqualTo(json("""
                {"content":{"multipart/form-data":{"schema":{"$ref":"#/components/schemas/Body_profile_api_profile_post"}}},
                 "required":true}"""));
        assertThat(schema("Body_profile_api_profile_post")).isEqualTo(json("""
                {"properties":{
                   "name":{"type":"string","title":"Name"},
                   "age":{"type":"integer","format":"int32","minimum":0,"default":18,"title":"Age"},
                   "nickname":{"anyOf":[{"type":"string"},{"type":"null"}],"title":"Nickname"},
                   "avatar":{"type":"string","format":"binary","title":"Avatar"},
                   "banner":{"anyOf":[{"type":"string","format":"binary"},{"type":"null"}],"title":"Banner"},
                   "attachments":{"type":"array","items":{"type":"string","format":"binary"},"title":"Attachments"}},
                 "type":"object","required":["name","avatar"],"title":"Body_profile_api_profile_post"}"""));
        assertThat(op.has("parameters")).as("form fields are not parameters").isFalse();
        assertThat(op.path("responses").has("422")).isTrue();
    }

    @Test
    void textOnlyFormFieldsAreAUrlEncodedBody() {
        JsonNode op = op("/api/login", "post");
        String ref = op.at("/requestBody/content/application~1x-www-form-urlencoded/schema/$ref").asString();
        assertThat(ref).isEqualTo("#/components/schemas/Body_login_api_login_post");
        assertThat(op.at("/requestBody/required").asBoolean()).isTrue();
        JsonNode body = schema("Body_login_api_login_post");
        assertThat(body.path("required")).isEqualTo(json("[\"username\",\"password\"]"));
        assertThat(body.at("/properties/scope")).isEqualTo(json("""
                {"type":"array","items":{"type":"string"},"title":"Scope"}"""));
    }

    @Test
    void parametersOfDependencyFactoriesAreTheOperationsOnceEach() {
        JsonNode op = op("/api/orders/{orderId}", "get");
        List<String> params = new java.util.ArrayList<>();
        op.path("parameters").forEach(p -> params.add(p.path("in").asString() + " " + p.path("name").asString()));
        assertThat(params).as("the handler's own, then its dependencies', depth first, each (in, name) once")
                .containsExactly("path orderId", "query fields", "header x-token", "query lang", "cookie tenant");
        assertThat(param(op, "x-token")).isEqualTo(json("""
                {"name":"x-token","in":"header","required":true,"schema":{"type":"string","title":"X Token"}}"""));
        assertThat(param(op, "lang").path("schema")).isEqualTo(json("""
                {"type":"string","default":"en","title":"Lang"}"""));
        assertThat(param(op, "tenant").path("required").asBoolean()).isTrue();
        assertThat(op.path("responses").has("422")).isTrue();
    }

    @Test
    void dependencyFactoriesBindWhatTheDocumentSays() {
        TestResponse ok = client.get("/api/orders/7?lang=de", "X-Token", "t0k", "Cookie", "tenant=acme");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json(String.class)).isEqualTo("t0k de acme 7 7");
        TestResponse missing = client.get("/api/orders/7");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.text()).contains("\"loc\":[\"header\",\"x-token\"]", "\"loc\":[\"cookie\",\"tenant\"]");
    }

    @Test
    void aDependencyReadingAPathParameterTheRouteLacksFailsAtStart() {
        class NoOrder {
            @Get("/no-order")
            public String x(Caller caller) {
                return "";
            }
        }
        App app = App.create().provideFrom(Caller.class, new CallerFactory())
                .provideFrom(Tenant.class, new TenantFactory()).include(new NoOrder());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> app.start(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("orderId");
    }

    @Test
    void swaggerParserRejectsADocumentWithADanglingReference() {
        ObjectNode broken = (ObjectNode) JSON.readTree(text);
        ((ObjectNode) broken.path("components").path("schemas")).remove("Dimensions");
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(broken.toString(), null, options);
        assertThat(result.getMessages()).as("the validator this suite relies on can fail").isNotEmpty();
    }

    @Test
    void swaggerParserRejectsAParameterInAnUnknownLocation() {
        ObjectNode broken = (ObjectNode) JSON.readTree(text);
        ((ObjectNode) broken.at("/paths/~1api~1items~1{itemId}/get/parameters/0")).put("in", "body");
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(broken.toString(), null, new ParseOptions());
        assertThat(result.getMessages()).isNotEmpty();
    }

    @Test
    void infoCarriesTheAppsTitleAndVersion() {
        assertThat(doc.path("openapi").asString()).isEqualTo("3.1.0");
        assertThat(doc.path("info")).isEqualTo(json("{\"title\":\"Shop\",\"version\":\"2.1.0\"}"));
    }

    @Test
    void documentsAppRoutesButNotTheBuiltInEndpoints() {
        assertThat(doc.path("paths").propertyNames()).containsExactlyInAnyOrder("/api/items/{itemId}", "/api/items",
                "/api/items/{itemId}/async", "/api/categories", "/api/labels", "/api/files/{path}", "/api/search",
                "/api/profile", "/api/login", "/api/orders/{orderId}", "/hello/{name}");
    }

    @Test
    void pathParameterWithQueryParameterMatchesFastApisShape() {
        assertThat(op("/api/items/{itemId}", "get")).isEqualTo(json("""
                {"tags":["items"],"summary":"Get Item","operationId":"getItem_api_items__itemId__get",
                 "parameters":[
                   {"name":"itemId","in":"path","required":true,"schema":{"type":"integer","format":"int32","title":"Item Id"}},
                   {"name":"verbose","in":"query","required":false,
                    "schema":{"anyOf":[{"type":"boolean"},{"type":"null"}],"title":"Verbose"}}],
                 "responses":{
                   "200":{"description":"Successful Response",
                          "content":{"application/json":{"schema":{"$ref":"#/components/schemas/Item"}}}},
                   "422":{"description":"Validation Error",
                          "content":{"application/json":{"schema":{"$ref":"#/components/schemas/HTTPValidationError"}}}}}}
                """));
    }

    @Test
    void queryHeaderAndCookieParametersWithDefaultsAndConstraints() {
        JsonNode op = op("/api/items", "get");
        assertThat(param(op, "limit")).isEqualTo(json("""
                {"name":"limit","in":"query","required":false,
                 "schema":{"type":"integer","format":"int32","maximum":100,"default":50,"title":"Limit"}}"""));
        assertThat(param(op, "tag")).isEqualTo(json("""
                {"name":"tag","in":"query","required":false,
                 "schema":{"type":"array","items":{"type":"string"},"title":"Tag"}}"""));
        assertThat(param(op, "x-request-source").path("in").asString()).isEqualTo("header");
        assertThat(param(op, "session").path("in").asString()).isEqualTo("cookie");
        assertThat(op.at("/responses/200/content/application~1json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/Page_Item_");
    }

    @Test
    void scalarTypesBecomeFormatsAndEnumsBecomeNamedSchemas() {
        JsonNode search = op("/api/search", "get");
        assertThat(param(search, "q").path("schema").path("pattern").asString()).isEqualTo("^[a-z]+$");
        assertThat(param(search, "fit").path("schema")).isEqualTo(json("{\"$ref\":\"#/components/schemas/Fit\"}"));
        assertThat(param(search, "day").path("schema").path("format").asString()).isEqualTo("date");
        assertThat(param(op("/api/items/{itemId}/async", "get"), "itemId").path("schema").path("format").asString())
                .isEqualTo("uuid");
        assertThat(param(op("/api/items/{itemId}", "delete"), "itemId").path("schema").path("format").asString())
                .isEqualTo("int64");
        assertThat(schema("Fit")).isEqualTo(json("{\"type\":\"string\",\"enum\":[\"S\",\"M\",\"L\"],\"title\":\"Fit\"}"));
        assertThat(search.at("/responses/200/content/application~1json/schema/type").asString())
                .as("a String answer is a JSON string, as FastAPI documents a str").isEqualTo("string");
    }

    @Test
    void statusAnnotationNamesTheSuccessResponseAndTheBodyIsRequired() {
        JsonNode create = op("/api/items", "post");
        assertThat(create.path("responses").propertyNames()).containsExactly("201", "422");
        assertThat(create.path("requestBody")).isEqualTo(json("""
                {"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Item"}}},"required":true}"""));
        JsonNode delete = op("/api/items/{itemId}", "delete");
        assertThat(delete.path("responses").path("204")).isEqualTo(json("{\"description\":\"Successful Response\"}"));
    }

    @Test
    void asyncHandlersAreDocumentedWithTheFuturesValueType() {
        assertThat(op("/api/items/{itemId}/async", "get").at("/responses/200/content/application~1json/schema/$ref")
                .asString()).isEqualTo("#/components/schemas/Item");
    }

    @Test
    void recordSchemaCarriesJakartaConstraintsNestedRecordsAndRequiredFields() {
        JsonNode item = schema("Item");
        JsonNode p = item.path("properties");
        assertThat(p.path("name")).isEqualTo(json(
                "{\"type\":\"string\",\"minLength\":1,\"pattern\":\"\\\\S\",\"maxLength\":50,\"title\":\"Name\"}"));
        assertThat(p.path("price")).isEqualTo(json(
                "{\"type\":\"number\",\"format\":\"double\",\"exclusiveMinimum\":0,\"title\":\"Price\"}"));
        assertThat(p.path("stock")).isEqualTo(json(
                "{\"type\":\"integer\",\"format\":\"int32\",\"minimum\":0,\"maximum\":1000,\"title\":\"Stock\"}"));
        assertThat(p.path("description")).isEqualTo(json(
                "{\"anyOf\":[{\"type\":\"string\",\"maxLength\":200},{\"type\":\"null\"}],\"title\":\"Description\"}"));
        assertThat(p.path("tags")).as("constraints on the list and on its elements").isEqualTo(json(
                "{\"type\":\"array\",\"items\":{\"type\":\"string\",\"maxLength\":20},\"minItems\":1,\"title\":\"Tags\"}"));
        assertThat(p.path("dimensions")).isEqualTo(json("{\"$ref\":\"#/components/schemas/Dimensions\"}"));
        assertThat(p.path("sku").path("format").asString()).isEqualTo("uuid");
        assertThat(p.path("updated").path("format").asString()).isEqualTo("date-time");
        assertThat(item.path("required")).isEqualTo(json(
                "[\"name\",\"price\",\"stock\",\"tags\",\"dimensions\",\"fit\",\"sku\",\"since\",\"updated\"]"));
        assertThat(schema("Dimensions").at("/properties/height/exclusiveMaximum").decimalValue())
                .isEqualByComparingTo("10.5");
    }

    @Test
    void genericRecursiveAndPojoModels() {
        assertThat(schema("Page_Item_").path("properties")).isEqualTo(json("""
                {"items":{"type":"array","items":{"$ref":"#/components/schemas/Item"},"title":"Items"},
                 "total":{"type":"integer","format":"int64","title":"Total"}}"""));
        assertThat(schema("Category").at("/properties/children/items/$ref").asString())
                .isEqualTo("#/components/schemas/Category");
        JsonNode label = schema("Label");
        assertThat(label.path("properties").propertyNames()).containsExactly("text", "priority");
        assertThat(label.path("required")).isEqualTo(json("[\"priority\"]"));
    }

    @Test
    void validationErrorSchemasAreFastApis() {
        assertThat(schema("HTTPValidationError")).isEqualTo(json("""
                {"properties":{"detail":{"items":{"$ref":"#/components/schemas/ValidationError"},"type":"array","title":"Detail"}},
                 "type":"object","title":"HTTPValidationError"}"""));
        JsonNode error = schema("ValidationError");
        assertThat(error.path("required")).isEqualTo(json("[\"loc\",\"msg\",\"type\"]"));
        assertThat(error.at("/properties/loc")).isEqualTo(json("""
                {"items":{"anyOf":[{"type":"string"},{"type":"integer"}]},"type":"array","title":"Location"}"""));
        assertThat(error.at("/properties/msg")).isEqualTo(json("{\"type\":\"string\",\"title\":\"Message\"}"));
        assertThat(error.at("/properties/type")).isEqualTo(json("{\"type\":\"string\",\"title\":\"Error Type\"}"));
    }

    @Test
    void pathRestVariablesAndLambdaRoutesDeclareTheirPathParameters() {
        assertThat(param(op("/api/files/{path}", "get"), "path").path("required").asBoolean()).isTrue();
        JsonNode hello = op("/hello/{name}", "get");
        assertThat(param(hello, "name").path("schema").path("type").asString()).isEqualTo("string");
        assertThat(hello.path("operationId").asString()).isEqualTo("get_hello__name_");
        assertThat(hello.path("responses").has("422")).as("a lambda route validates nothing").isFalse();
    }

    @Test
    void operationIdsAreUnique() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (JsonNode pathItem : doc.path("paths")) {
            for (JsonNode op : pathItem) {
                assertThat(ids.add(op.path("operationId").asString())).as("duplicate " + op.path("operationId")).isTrue();
            }
        }
        assertThat(ids).hasSize(13);
    }

    @Test
    void openapiUrlNullServesNeitherDocumentNorDocsAndAnAppRouteReplacesABuiltIn() {
        App app = App.create().openapiUrl(null);
        app.get("/health", req -> "mine");
        try (TestClient c = TestClient.of(app)) {
            assertThat(c.get("/openapi.json").status()).isEqualTo(404);
            assertThat(c.get("/docs").status()).isEqualTo(404);
            assertThat(c.get("/health").json(String.class)).isEqualTo("mine");
        }
    }
}
