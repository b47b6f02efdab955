package io.fasterapi.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.web.App;
import io.fasterapi.web.Get;
import io.fasterapi.web.Query;
import io.fasterapi.web.TestClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document shows the dependencies an app registered, whatever test overrides replace them while
 * it runs: FastAPI's {@code dependency_overrides} change what requests get, never the document. The document
 * is generated on its first request, so an override made after the start must not leak into it either.
 */
class OpenApiOverridesTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    record User(String name) {
    }

    public static final class Users {
        public User user(@Query("tenant") String tenant, BearerToken token) {
            return new User(tenant + ":" + token.token());
        }
    }

    public static class Routes {
        @Get("/me")
        public User me(User user) {
            return user;
        }
    }

    private static App app() {
        return App.create()
                .provide(BearerToken.class, OAuth2PasswordBearer.tokenUrl("token"))
                .provideFrom(User.class, new Users())
                .include(new Routes());
    }

    private static void assertDocumentsTheRegisteredFactory(JsonNode doc) {
        JsonNode me = doc.path("paths").path("/me").path("get");
        List<String> parameters = new ArrayList<>();
        me.path("parameters").forEach(p -> parameters.add(p.path("in").asString() + ":" + p.path("name").asString()));
        assertThat(parameters).containsExactly("query:tenant");
        assertThat(me.path("security").toString()).isEqualTo("[{\"OAuth2PasswordBearer\":[]}]");
        assertThat(doc.path("components").path("securitySchemes").has("OAuth2PasswordBearer")).isTrue();
    }

    @Test
    void anOverrideInPlaceAtTheStartDoesNotChangeTheDocument() {
        App app = app().override(User.class, () -> new User("fake"));
        try (TestClient client = TestClient.of(app)) {
            assertThat(JSON.readTree(client.get("/me").text()).path("name").asString()).isEqualTo("fake");
            assertDocumentsTheRegisteredFactory(JSON.readTree(client.get("/openapi.json").text()));
        }
    }

    @Test
    void anOverrideMadeBeforeTheFirstDocumentRequestDoesNotChangeIt() {
        App app = app();
        try (TestClient client = TestClient.of(app)) {
            app.override(User.class, () -> new User("late"));
            assertThat(JSON.readTree(client.get("/me").text()).path("name").asString()).isEqualTo("late");
            String first = client.get("/openapi.json").text();
            assertDocumentsTheRegisteredFactory(JSON.readTree(first));
            app.clearOverrides();
            assertThat(client.get("/openapi.json").text()).isEqualTo(first);
        }
    }

    @Test
    void withoutOverridesTheFactoryServesRequestsAsDocumented() {
        try (TestClient client = TestClient.of(app())) {
            assertThat(JSON.readTree(client.get("/me?tenant=acme", "Authorization", "Bearer t1").text())
                    .path("name").asString()).isEqualTo("acme:t1");
            assertDocumentsTheRegisteredFactory(JSON.readTree(client.get("/openapi.json").text()));
        }
    }
}
