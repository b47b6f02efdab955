package io.fasterapi.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.web.App;
import io.fasterapi.web.ApiResponse;
import io.fasterapi.web.Get;
import io.fasterapi.web.TestClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Operations guarded by a security scheme document the scheme's own 401 answer, and a scheme among
 * the app's dependencies guards (and is documented on) every operation.
 */
class SecurityResponsesOpenApiTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Caller(String token) {}

    record Message(String detail) {}

    public static final class Callers {
        public Caller caller(BearerToken token) {
            return new Caller(token.token());
        }
    }

    public static final class Routes {
        @Get("/mine")
        public String mine(Caller caller) {
            return caller.token();
        }

        @Get("/declared")
        @ApiResponse(status = 401, model = Message.class, description = "Token expired")
        public String declared(Caller caller) {
            return caller.token();
        }

        @Get("/open")
        public String open() {
            return "";
        }
    }

    private static JsonNode document(App app) {
        try (TestClient client = TestClient.of(app)) {
            return JSON.readTree(client.get("/openapi.json").text());
        }
    }

    @Test
    void aGuardedOperationDocumentsNotAuthenticatedAndAnOpenOneDoesNot() {
        JsonNode doc = document(App.create()
                .provide(BearerToken.class, OAuth2PasswordBearer.tokenUrl("/token"))
                .provideFrom(Caller.class, new Callers())
                .include(new Routes()));

        JsonNode mine = doc.path("paths").path("/mine").path("get").path("responses");
        assertThat(mine.propertyNames()).containsExactly("200", "401");
        assertThat(mine.path("401")).isEqualTo(JSON.readTree("""
                {"description":"Not authenticated","content":{"application/json":{"schema":{"type":"object",
                "title":"HTTPError","properties":{"detail":{"type":"string","title":"Detail"}},"required":["detail"]}}}}"""));
        assertThat(doc.path("paths").path("/declared").path("get").path("responses").path("401").path("description")
                .stringValue()).as("a declared 401 is kept").isEqualTo("Token expired");
        assertThat(doc.path("paths").path("/open").path("get").path("responses").has("401")).isFalse();
    }

    @Test
    void aSchemeAmongTheAppsDependenciesGuardsEveryOperation() {
        App app = App.create()
                .provide(BearerToken.class, OAuth2PasswordBearer.tokenUrl("/token"))
                .dependencies(BearerToken.class);
        app.get("/hello", req -> "hello");
        JsonNode doc = document(app);

        JsonNode hello = doc.path("paths").path("/hello").path("get");
        assertThat(hello.path("security")).isEqualTo(JSON.readTree("[{\"OAuth2PasswordBearer\":[]}]"));
        assertThat(hello.path("responses").has("401")).isTrue();
        try (TestClient client = TestClient.of(app)) {
            assertThat(client.get("/hello").status()).as("and it is enforced").isEqualTo(401);
            assertThat(client.get("/hello", "Authorization", "Bearer t").status()).isEqualTo(200);
        }
        assertThat(List.of(doc.path("components").path("securitySchemes").propertyNames()))
                .isNotEmpty();
    }
}
