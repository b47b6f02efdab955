package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fasterapi.core.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The declared return type (or {@link ResponseModel}, or {@link RouteInfo#responseModel()}) is the
 * response model, as FastAPI's {@code response_model}: what the model does not declare never leaves
 * the server, at the root, in lists, in futures and nested; OpenAPI documents the model.
 */
class ResponseModelTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static TestClient client;
    static JsonNode doc;

    /** What the outside world may see of a user. */
    public interface PublicUser {
        String name();

        int id();
    }

    /** A user as stored: with its password hash. */
    public record User(int id, String name, String hashedPassword) implements PublicUser {
    }

    public record Team(String title, PublicUser owner, List<PublicUser> members) {
    }

    /** FastAPI's response_model tutorial (tutorial003): UserIn in, UserOut out. */
    public record UserIn(String username, String password, String email,
                         @JsonProperty("full_name") Optional<String> fullName) {
    }

    public record UserOut(String username, String email, @JsonProperty("full_name") Optional<String> fullName) {
    }

    public record Profile(String name, String bio, Optional<String> site, List<String> tags) {
    }

    public record ItemView(String name, Omittable<String> description, Omittable<Double> tax) {
    }

    /** A class model: a subclass's extra properties never leave either. */
    public static class Account {
        public String getLogin() {
            return "carol";
        }
    }

    public static final class StoredAccount extends Account {
        public String getApiKey() {
            return "sk-live-secret";
        }
    }

    /** FastAPI's response_model tutorial004 Item: what was not set is not answered. */
    public record StoredItem(String name, Omittable<String> description, double price, Omittable<Double> tax,
                             Omittable<List<String>> tags) {
    }

    static final Map<String, Map<String, Object>> ITEMS = Map.of(
            "foo", Map.of("name", "Foo", "price", 50.2),
            "bar", Map.of("name", "Bar", "description", "The bartenders", "price", 62, "tax", 20.2),
            "baz", new LinkedHashMap<>(Map.of("name", "Baz", "price", 50.2, "tax", 10.5, "tags", List.of())));

    static {
        ITEMS.get("baz").put("description", null);
    }

    static final User ALICE = new User(1, "alice", "$2b$12$secret-hash-of-alice");
    static final User BOB = new User(2, "bob", "$2b$12$secret-hash-of-bob");

    public static final class Routes {
        @Get("/me")
        public PublicUser me() {
            return ALICE;
        }

        @Get("/users")
        public List<PublicUser> users() {
            return List.of(ALICE, BOB);
        }

        @Get("/async-me")
        public Future<PublicUser> asyncMe() {
            return Future.ready(ALICE);
        }

        @Get("/stage-me")
        public CompletionStage<PublicUser> stageMe() {
            return CompletableFuture.completedFuture(BOB);
        }

        @Get("/team")
        public Team team() {
            return new Team("core", ALICE, List.of(ALICE, BOB));
        }

        @Get("/declared-object") @ResponseModel(PublicUser.class)
        public Object declaredObject() {
            return ALICE;
        }

        @Get("/rows") @ResponseModel(PublicUser.class)
        public List<User> rows() {
            return List.of(ALICE, BOB);
        }

        @Get("/bypass") @ResponseModel(PublicUser.class)
        public Response bypass() {
            return Response.json(ALICE); // a Response is sent as it is, as in FastAPI
        }

        @Post("/user/") @ResponseModel(UserOut.class)
        public Object createUser(@Body UserIn user) {
            return user; // converted into a UserOut: the password stays here
        }

        @Get("/profile") @ResponseModel(excludeNone = true)
        public Profile profile() {
            return new Profile("carol", null, Optional.empty(), List.of());
        }

        @Get("/profile-all")
        public Profile profileAll() {
            return new Profile("carol", null, Optional.empty(), List.of());
        }

        @Get("/items/{itemId}") @ResponseModel(value = StoredItem.class, excludeUnset = true)
        public Map<String, Object> readItem(String itemId) {
            return ITEMS.get(itemId);
        }

        @Get("/account")
        public Account account() {
            return new StoredAccount();
        }

        @Get("/item-unset") @ResponseModel(excludeUnset = true)
        public ItemView itemUnset() {
            return new ItemView("Foo", Omittable.absent(), Omittable.of(null));
        }

        @Get("/item-all")
        public ItemView itemAll() {
            return new ItemView("Foo", Omittable.absent(), Omittable.of(null));
        }

        @Get("/item-none") @ResponseModel(excludeNone = true)
        public ItemView itemNone() {
            return new ItemView("Foo", Omittable.of("A foo"), Omittable.of(null));
        }
    }

    @BeforeAll
    static void start() {
        App app = App.create().include(new Routes());
        app.get("/lambda-me", req -> ALICE, RouteInfo.none().withResponseModel(PublicUser.class));
        app.get("/lambda-plain", req -> ALICE);
        app.get("/lambda-none", req -> new Profile("dan", null, Optional.empty(), List.of("x")),
                RouteInfo.none().withResponseModelExcludeNone());
        client = TestClient.of(app);
        doc = JSON.readTree(client.get("/openapi.json").text());
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    static JsonNode body(TestResponse r) {
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return JSON.readTree(r.text());
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void interfaceModelLeavesTheImplementationsExtraComponentOut() {
        TestResponse r = client.get("/me");
        assertThat(r.text()).isEqualTo("{\"id\":1,\"name\":\"alice\"}"); // an interface's properties: by name
    }

    @Test
    void listOfInterfaceModelLeavesEveryElementsExtraComponentOut() {
        assertThat(body(client.get("/users"))).isEqualTo(json("[{\"id\":1,\"name\":\"alice\"},{\"id\":2,\"name\":\"bob\"}]"));
    }

    @Test
    void classModelLeavesTheSubclassesExtraPropertiesOut() {
        assertThat(body(client.get("/account"))).isEqualTo(json("{\"login\":\"carol\"}"));
    }

    @Test
    void futureAndCompletionStageOfModelAreWrittenThroughTheTypeArgument() {
        assertThat(body(client.get("/async-me"))).isEqualTo(json("{\"id\":1,\"name\":\"alice\"}"));
        assertThat(body(client.get("/stage-me"))).isEqualTo(json("{\"id\":2,\"name\":\"bob\"}"));
    }

    @Test
    void nestedDeclaredInterfaceIsFilteredToo() {
        assertThat(body(client.get("/team"))).isEqualTo(json("""
                {"title":"core","owner":{"id":1,"name":"alice"},
                 "members":[{"id":1,"name":"alice"},{"id":2,"name":"bob"}]}"""));
    }

    @Test
    void annotationDeclaresTheModelWhereTheReturnTypeCannot() {
        assertThat(body(client.get("/declared-object"))).isEqualTo(json("{\"id\":1,\"name\":\"alice\"}"));
        assertThat(body(client.get("/rows"))).isEqualTo(json("[{\"id\":1,\"name\":\"alice\"},{\"id\":2,\"name\":\"bob\"}]"));
    }

    @Test
    void returningAResponseBypassesTheModel() {
        assertThat(body(client.get("/bypass")).has("hashedPassword")).isTrue();
    }

    @Test
    void lambdaRouteDeclaresItsModelWithRouteInfo() {
        assertThat(body(client.get("/lambda-me"))).isEqualTo(json("{\"id\":1,\"name\":\"alice\"}"));
        assertThat(body(client.get("/lambda-plain")).has("hashedPassword")).as("no model: the runtime class").isTrue();
    }

    /** FastAPI's tutorial: POST /user/ with a password answers {username, email, full_name}. */
    @Test
    void valueOfAnotherTypeIsConvertedIntoTheModelAsPydanticValidatesIt() {
        TestResponse r = client.post("/user/", JSON.readTree("""
                {"username":"foo","password":"fighter","email":"foo@example.com","full_name":"Grave Dohl"}"""));
        assertThat(body(r)).isEqualTo(json("""
                {"username":"foo","email":"foo@example.com","full_name":"Grave Dohl"}"""));
    }

    @Test
    void excludeNoneLeavesOutNullAndEmptyOptionalButNotEmptyLists() {
        assertThat(body(client.get("/profile"))).isEqualTo(json("{\"name\":\"carol\",\"tags\":[]}"));
        assertThat(body(client.get("/profile-all")))
                .isEqualTo(json("{\"name\":\"carol\",\"bio\":null,\"site\":null,\"tags\":[]}"));
        assertThat(body(client.get("/lambda-none"))).isEqualTo(json("{\"name\":\"dan\",\"tags\":[\"x\"]}"));
    }

    @Test
    void excludeUnsetLeavesOutAbsentOmittablesAndKeepsSentNulls() {
        assertThat(body(client.get("/item-unset"))).isEqualTo(json("{\"name\":\"Foo\",\"tax\":null}"));
        assertThat(body(client.get("/item-all")))
                .isEqualTo(json("{\"name\":\"Foo\",\"description\":null,\"tax\":null}"));
        assertThat(body(client.get("/item-none"))).isEqualTo(json("{\"name\":\"Foo\",\"description\":\"A foo\"}"));
    }

    /** FastAPI's test_tutorial004: a dict read into the model, its unset fields left out. */
    @Test
    void excludeUnsetOnAMapReadIntoTheModelAnswersWhatTheMapHolds() {
        assertThat(body(client.get("/items/foo"))).isEqualTo(json("{\"name\":\"Foo\",\"price\":50.2}"));
        assertThat(body(client.get("/items/bar"))).isEqualTo(json("""
                {"name":"Bar","description":"The bartenders","price":62.0,"tax":20.2}"""));
        assertThat(body(client.get("/items/baz"))).isEqualTo(json("""
                {"name":"Baz","description":null,"price":50.2,"tax":10.5,"tags":[]}"""));
    }

    @Test
    void openApiDocumentsTheInterfacesAccessorsNotAnEmptySchema() {
        assertThat(successSchema("/me", "get")).isEqualTo(json("{\"$ref\":\"#/components/schemas/PublicUser\"}"));
        assertThat(doc.at("/components/schemas/PublicUser")).isEqualTo(json("""
                {"properties":{"id":{"type":"integer","format":"int32","title":"Id"},
                               "name":{"type":"string","title":"Name"}},
                 "type":"object","required":["id","name"],"title":"PublicUser"}"""));
        assertThat(successSchema("/users", "get")).isEqualTo(json("""
                {"type":"array","items":{"$ref":"#/components/schemas/PublicUser"}}"""));
        assertThat(successSchema("/async-me", "get")).isEqualTo(json("{\"$ref\":\"#/components/schemas/PublicUser\"}"));
        assertThat(successSchema("/rows", "get")).isEqualTo(json("""
                {"type":"array","items":{"$ref":"#/components/schemas/PublicUser"}}"""));
        assertThat(successSchema("/lambda-me", "get")).isEqualTo(json("{\"$ref\":\"#/components/schemas/PublicUser\"}"));
        assertThat(doc.at("/components/schemas").has("User")).as("the stored user is never documented").isFalse();
    }

    /** FastAPI's tutorial003 schema of UserOut, field for field. */
    @Test
    void openApiDocumentsTheDeclaredModelOverTheReturnType() {
        assertThat(successSchema("/user/", "post")).isEqualTo(json("{\"$ref\":\"#/components/schemas/UserOut\"}"));
        assertThat(doc.at("/components/schemas/UserOut")).isEqualTo(json("""
                {"properties":{"username":{"type":"string","title":"Username"},
                               "email":{"type":"string","title":"Email"},
                               "full_name":{"anyOf":[{"type":"string"},{"type":"null"}],"title":"Full Name"}},
                 "type":"object","required":["username","email"],"title":"UserOut"}"""));
    }

    private static JsonNode successSchema(String path, String method) {
        return doc.path("paths").path(path).path(method).path("responses").path("200").path("content")
                .path("application/json").path("schema");
    }
}
