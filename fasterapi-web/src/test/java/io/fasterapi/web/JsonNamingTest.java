package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An app's JSON naming policy ({@link App#jsonNaming}), pydantic's {@code alias_generator=to_snake}
 * on every model: bodies are read, answers written, 422 errors located and OpenAPI schemas named with
 * the same snake_case names; {@code @JsonProperty} wins; parameters keep their names; another app in
 * the same JVM keeps its own policy. Real servers on loopback sockets.
 */
class JsonNamingTest {
    static final JsonMapper PLAIN = JsonMapper.builder().build();
    static TestClient snake;
    static TestClient declared;
    static JsonNode doc;

    public record Owner(@NotBlank String firstName, String lastName) {
    }

    public record Item(String itemName, @Positive double unitPrice, @JsonProperty("SKU") String stockCode,
                       Optional<String> longDescription, @Valid Owner owner, List<Owner> formerOwners) {
    }

    /** A class body: Bean Validation's property path is named as the policy names it. */
    public static class Order {
        @Positive
        public int itemCount;
        @NotBlank
        public String shipTo;
    }

    public record Receipt(String orderNumber, int itemCount) {
    }

    /** What leaves the server of a user: its hashed password is not part of it. */
    public interface PublicUser {
        String displayName();
    }

    public record StoredUser(String displayName, String passwordHash) implements PublicUser {
    }

    public static final class Routes {
        @Post("/items")
        public Item create(@Body @Valid Item item) {
            return item;
        }

        @Post("/orders")
        public Receipt order(@Body @Valid Order order) {
            return new Receipt("A-" + order.itemCount, order.itemCount);
        }

        @Get("/me")
        public PublicUser me() {
            return new StoredUser("Ada Lovelace", "$2b$12$hash");
        }

        @Get("/page")
        public Map<String, Object> page(@Query int pageSize, @Header("X-Trace-Id") Optional<String> traceId) {
            return Map.of("pageSize", pageSize, "traceId", traceId.orElse("none")); // map keys are data, not renamed
        }

        @Get("/owner/events")
        public EventStream ownerEvents() {
            return EventStream.of(ServerSentEventsTest.cold(List.of(ServerSentEvent.of(new Owner("Grace", "Hopper")))));
        }

        @Get("/owner")
        public Response owner() {
            return Response.json(new Owner("Grace", "Hopper")); // an explicit Response, written by the app's mapper
        }
    }

    @BeforeAll
    static void start() {
        snake = TestClient.of(App.create().jsonNaming(JsonNaming.SNAKE_CASE).include(new Routes())
                .post("/owners", req -> req.json(Owner.class).lastName()));
        declared = TestClient.of(App.create().include(new Routes()));
        doc = snake.get("/openapi.json").json(JsonNode.class);
    }

    @AfterAll
    static void stop() {
        snake.close();
        declared.close();
    }

    static final String ITEM = """
            {"item_name": "Lamp", "unit_price": 12.5, "SKU": "L-1", "owner": {"first_name": "Ada", "last_name": "L"},
             "former_owners": [{"first_name": "Bob", "last_name": "B"}]}""";

    @Test
    void readsAndAnswersSnakeCaseBodies() {
        var r = snake.postRaw("/items", "application/json", ITEM.getBytes());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode body = r.json(JsonNode.class);
        assertThat(body.propertyNames()).containsExactly("item_name", "unit_price", "SKU", "long_description",
                "owner", "former_owners");
        assertThat(body.at("/owner/first_name").asString()).isEqualTo("Ada");
        assertThat(body.at("/former_owners/0/first_name").asString()).isEqualTo("Bob");
    }

    @Test
    void theOtherAppInTheSameJvmKeepsJavaNames() {
        String camel = ITEM.replace("item_name", "itemName").replace("unit_price", "unitPrice")
                .replace("first_name", "firstName").replace("last_name", "lastName")
                .replace("former_owners", "formerOwners");
        var r = declared.postRaw("/items", "application/json", camel.getBytes());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json(JsonNode.class).propertyNames()).containsExactly("itemName", "unitPrice", "SKU",
                "longDescription", "owner", "formerOwners");
        // and the snake_case app does not take Java's names: as pydantic validating by alias
        var refused = snake.postRaw("/items", "application/json", camel.getBytes());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text()).contains("\"loc\":[\"body\",\"item_name\"]");
    }

    @Test
    void locatesTypeErrorsByTheirJsonNames() throws Exception {
        String bad = """
                {"item_name": "Lamp", "unit_price": "cheap", "SKU": "L-1", "owner": {"last_name": "L"},
                 "former_owners": [{"first_name": 7}]}""";
        var r = snake.postRaw("/items", "application/json", bad.getBytes());
        assertThat(r.status()).isEqualTo(422);
        List<List<Object>> locs = locs(r);
        assertThat(locs).containsExactly(List.of("body", "unit_price"), List.of("body", "owner", "first_name"),
                List.of("body", "former_owners", 0, "first_name"), List.of("body", "former_owners", 0, "last_name"));
    }

    @Test
    void locatesConstraintViolationsByTheirJsonNames() throws Exception {
        String bad = ITEM.replace("12.5", "-1").replace("\"Ada\"", "\" \"");
        var r = snake.postRaw("/items", "application/json", bad.getBytes());
        assertThat(r.status()).as(r.text()).isEqualTo(422);
        assertThat(locs(r)).containsExactly(List.of("body", "unit_price"), List.of("body", "owner", "first_name"));

        var order = snake.postRaw("/orders", "application/json", "{\"item_count\": 0, \"ship_to\": \"\"}".getBytes());
        assertThat(order.status()).as(order.text()).isEqualTo(422);
        assertThat(locs(order)).containsExactlyInAnyOrder(List.of("body", "item_count"), List.of("body", "ship_to"));
    }

    @Test
    void classBodiesAndResponseModelsUseThePolicy() {
        var r = snake.postRaw("/orders", "application/json", "{\"item_count\": 2, \"ship_to\": \"Paris\"}".getBytes());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("{\"order_number\":\"A-2\",\"item_count\":2}");
        assertThat(snake.get("/me").text()).isEqualTo("{\"display_name\":\"Ada Lovelace\"}");
        assertThat(declared.get("/me").text()).isEqualTo("{\"displayName\":\"Ada Lovelace\"}");
        assertThat(snake.get("/owner").text()).isEqualTo("{\"first_name\":\"Grace\",\"last_name\":\"Hopper\"}");
        assertThat(snake.get("/owner/events").text()).contains("data: {\"first_name\":\"Grace\",\"last_name\":\"Hopper\"}");
    }

    @Test
    void parametersAndMapKeysKeepTheirNames() {
        var r = snake.get("/page?pageSize=5");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json(Map.class)).containsEntry("pageSize", 5).containsEntry("traceId", "none");
        assertThat(snake.get("/page?page_size=5").status()).isEqualTo(422);
    }

    @Test
    void testClientWritesAndReadsRecordsAsTheAppNamesThem() {
        Item lamp = new Item("Lamp", 3, "L-2", Optional.of("bright"), new Owner("Ada", "L"), List.of());
        var r = snake.post("/items", lamp);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.text()).contains("\"item_name\":\"Lamp\"", "\"long_description\":\"bright\"");
        assertThat(r.json(Item.class)).isEqualTo(lamp);
        assertThat(snake.request("POST", "/items").json(lamp).send().json(Item.class)).isEqualTo(lamp);
    }

    @Test
    void openApiNamesPropertiesAndRequiredAsTheWire() {
        JsonNode item = doc.at("/components/schemas/Item");
        assertThat(item.get("properties").propertyNames()).containsExactly("item_name", "unit_price", "SKU",
                "long_description", "owner", "former_owners");
        assertThat(PLAIN.convertValue(item.get("required"), List.class))
                .containsExactly("item_name", "unit_price", "SKU", "owner", "former_owners");
        assertThat(item.at("/properties/item_name/title").asString()).isEqualTo("Item Name");
        assertThat(doc.at("/components/schemas/Owner/required/0").asString()).isEqualTo("first_name");
        assertThat(doc.at("/components/schemas/Order/properties").propertyNames())
                .containsExactly("item_count", "ship_to");
        assertThat(doc.at("/components/schemas/PublicUser/properties").propertyNames()).containsExactly("display_name");
        // parameters keep the handler's names
        assertThat(doc.at("/paths/~1page/get/parameters/0/name").asString()).isEqualTo("pageSize");
        // the document's own keys are OpenAPI's, whatever the policy
        assertThat(doc.at("/paths/~1items/post/operationId").isString()).isTrue();
        assertThat(doc.at("/paths/~1items/post/requestBody/content/application~1json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/Item");

        JsonNode plain = declared.get("/openapi.json").json(JsonNode.class);
        assertThat(plain.at("/components/schemas/Item/properties").propertyNames()).containsExactly("itemName",
                "unitPrice", "SKU", "longDescription", "owner", "formerOwners");
    }

    @Test
    void otherPoliciesRenameAlike() {
        try (TestClient kebab = TestClient.of(App.create().jsonNaming(JsonNaming.KEBAB_CASE).include(new Routes()));
             TestClient pascal = TestClient.of(App.create().jsonNaming(JsonNaming.PASCAL_CASE).include(new Routes()))) {
            assertThat(kebab.get("/me").text()).isEqualTo("{\"display-name\":\"Ada Lovelace\"}");
            assertThat(pascal.get("/me").text()).isEqualTo("{\"DisplayName\":\"Ada Lovelace\"}");
            var missing = pascal.postRaw("/orders", "application/json", "{\"ItemCount\": 0}".getBytes());
            assertThat(locs(missing)).contains(List.of("body", "ItemCount"));
            assertThat(missing.text()).contains("\"type\":", "\"msg\":"); // FastAPI's error shape stays
        }
    }

    @SuppressWarnings("unchecked")
    private static List<List<Object>> locs(TestResponse r) {
        List<Map<String, Object>> detail = (List<Map<String, Object>>) PLAIN.readValue(r.text(), Map.class).get("detail");
        return detail.stream().map(e -> (List<Object>) e.get("loc")).toList();
    }

    @Test
    void aLambdaRouteReadsItsBodyWithTheAppsNames() {
        var r = snake.postRaw("/owners", "application/json", "{\"first_name\": \"Grace\", \"last_name\": \"Hopper\"}".getBytes());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json(String.class)).isEqualTo("Hopper");
    }
}
