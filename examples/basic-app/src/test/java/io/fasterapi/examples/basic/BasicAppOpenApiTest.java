package io.fasterapi.examples.basic;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.testing.OpenApiLint;
import io.fasterapi.web.TestClient;
import io.fasterapi.web.TestResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The example's OpenAPI document as the running server serves it: what a client generated from it needs
 * (input and output models apart, declared error bodies, the CSV download's media type), routes in the
 * order ShopRoutes declares them, and validity per redocly and swagger-parser.
 */
class BasicAppOpenApiTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static ShopDb db;
    static TestClient client;
    static String text;
    static JsonNode doc;

    @BeforeAll
    static void start() {
        db = new ShopDb(BasicAppOpenApiTest.class);
        client = TestClient.of(BasicApp.create(db.pool));
        text = client.get("/openapi.json").text();
        doc = JSON.readTree(text);
    }

    @AfterAll
    static void stop() {
        client.close();
        db.close();
    }

    private static JsonNode op(String path, String method) {
        JsonNode op = doc.path("paths").path(path).path(method);
        assertThat(op.isObject()).as("%s %s in %s", method, path, doc.path("paths").propertyNames()).isTrue();
        return op;
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void createTakesAnItemCreateWithoutIdAndAnswersTheItemWithIt() {
        JsonNode create = op("/items", "post");
        assertThat(create.at("/requestBody/content/application~1json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/ItemCreate");
        assertThat(create.at("/responses/201/content/application~1json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/Item");
        JsonNode itemCreate = doc.at("/components/schemas/ItemCreate");
        assertThat(itemCreate.path("properties").propertyNames()).containsExactly("name", "price");
        assertThat(itemCreate.path("required")).isEqualTo(json("[\"name\",\"price\"]"));
        assertThat(doc.at("/components/schemas/Item/properties").propertyNames())
                .containsExactly("id", "name", "price");
    }

    @Test
    void theCsvDownloadIsDocumentedAsCsvText() {
        assertThat(op("/items.csv", "get").at("/responses/200")).isEqualTo(json("""
                {"description":"Successful Response","content":{"text/csv":{"schema":{"type":"string"}}}}"""));
        TestResponse csv = client.get("/items.csv");
        assertThat(csv.header("content-type")).startsWith("text/csv");
    }

    @Test
    void errorAnswersAreDeclaredWithTheBodyTheServerSends() {
        String message = "{\"description\":\"%s\",\"content\":{\"application/json\":"
                + "{\"schema\":{\"$ref\":\"#/components/schemas/Message\"}}}}";
        assertThat(op("/items/{itemId}", "get").at("/responses/404"))
                .isEqualTo(json(message.formatted("Item not found")));
        JsonNode purchase = op("/purchase", "post").path("responses");
        assertThat(purchase.propertyNames()).containsExactly("200", "404", "409", "422");
        assertThat(purchase.path("409")).isEqualTo(json(message.formatted("Out of stock")));
        assertThat(op("/user/{id}", "get").at("/responses/404/description").asString()).isEqualTo("User not found");
        assertThat(doc.at("/components/schemas/Message")).isEqualTo(json("""
                {"properties":{"detail":{"type":"string","title":"Detail"}},"type":"object","required":["detail"],
                 "title":"Message"}"""));
        TestResponse missing = client.get("/items/999999");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json(Message.class)).isEqualTo(new Message("Item not found"));
    }

    @Test
    void operationsAreListedAsTheAppDeclaresThem() {
        List<String> operations = new ArrayList<>();
        for (String path : doc.path("paths").propertyNames()) {
            for (String method : doc.path("paths").path(path).propertyNames()) {
                operations.add(method + " " + path);
            }
        }
        assertThat(operations).containsExactly("get /items/{itemId}", "post /items", "post /items/bulk",
                "post /purchase", "get /items.csv", "get /user/{id}", "get /summary", "get /fast", "get /hello",
                "get /db/version");
    }

    @Test
    void tagsGroupTheRoutesWithTheirDescriptions() {
        assertThat(op("/items", "post").path("tags")).isEqualTo(json("[\"shop\"]"));
        assertThat(op("/hello", "get").path("tags")).isEqualTo(json("[\"misc\"]"));
        assertThat(op("/hello", "get").path("summary").asString()).isEqualTo("Say hello");
        assertThat(doc.path("tags")).isEqualTo(json("""
                [{"name":"shop","description":"Items, stock and purchases, kept in PostgreSQL."},
                 {"name":"misc","description":"Greetings and the database's version."}]"""));
    }

    @Test
    void redocAndSwaggerUiAreServed() {
        assertThat(client.get("/redoc").text()).contains("<redoc spec-url=\"/openapi.json\">");
        assertThat(client.get("/docs").status()).isEqualTo(200);
    }

    @Test
    void isValidPerRedoclyAndSwaggerParser() {
        OpenApiLint.assertValid(text, Path.of("target/openapi/basic-app.json"));
    }
}
