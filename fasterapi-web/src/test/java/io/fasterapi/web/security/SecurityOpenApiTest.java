package io.fasterapi.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.web.App;
import io.fasterapi.web.Get;
import io.fasterapi.web.Post;
import io.fasterapi.web.Security;
import io.fasterapi.web.TestClient;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code components.securitySchemes} and each operation's {@code security}, as FastAPI 0.141's
 * {@code get_openapi} writes them: schemes keyed by their names with FastAPI's fields, requirements
 * with the scopes required on the way to each scheme, merged per scheme; and the password flow's
 * form body.
 */
class SecurityOpenApiTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static TestClient client;
    static String text;
    static JsonNode doc;

    record User(String name) {
    }

    record ActiveUser(String name) {
    }

    record Admin(String name) {
    }

    record CookieKey(String value) {
    }

    record CodeToken(String token) {
    }

    record Digest(String credentials) {
    }

    public static final class Users {
        public User user(SecurityScopes scopes, BearerToken token) {
            return new User(token.token());
        }
    }

    public static final class ActiveUsers {
        public ActiveUser active(@Security(scopes = "me") User user) {
            return new ActiveUser(user.name());
        }
    }

    public static final class Admins {
        // reaches the OAuth2 scheme twice, with different scopes: one requirement, scopes merged
        public Admin admin(@Security(scopes = "admin") User user, @Security(scopes = "audit") ActiveUser active) {
            return new Admin(user.name());
        }
    }

    public static class Routes {
        @Post("/token")
        public Map<String, String> login(OAuth2PasswordRequestForm form) {
            return Map.of("access_token", form.username(), "token_type", "bearer");
        }

        @Post("/token-strict")
        public Map<String, String> loginStrict(OAuth2PasswordRequestFormStrict form) {
            return Map.of("access_token", form.username(), "token_type", "bearer");
        }

        @Get("/users/me")
        public ActiveUser me(ActiveUser user) {
            return user;
        }

        @Get("/users/me/items")
        public ActiveUser items(@Security(scopes = "items") ActiveUser user) {
            return user;
        }

        @Get("/status")
        public User status(User user) {
            return user;
        }

        @Get("/admin")
        public Admin admin(Admin admin) {
            return admin;
        }

        @Get("/bearer")
        public String bearer(HTTPAuthorizationCredentials credentials, HTTPBasicCredentials basic, APIKey key,
                             CookieKey cookie) {
            return "";
        }

        @Get("/sso")
        public String sso(@Security(scopes = {"read", "write"}) CodeToken token, Digest digest) {
            return "";
        }

        @Get("/public")
        public String open() {
            return "";
        }
    }

    public static class AdminRoutes {
        @Get("/stats")
        public String stats() {
            return "";
        }
    }

    @BeforeAll
    static void start() {
        Map<String, String> scopes = new LinkedHashMap<>();
        scopes.put("me", "Read information about the current user.");
        scopes.put("items", "Read items.");
        App app = App.create()
                .provide(BearerToken.class, OAuth2PasswordBearer.tokenUrl("token").scopes(scopes))
                .provide(HTTPAuthorizationCredentials.class, HTTPBearer.create().bearerFormat("JWT")
                        .description("A signed token"))
                .provide(HTTPBasicCredentials.class, HTTPBasic.create().realm("simple"))
                .provide(APIKey.class, APIKeyHeader.named("X-API-Key"))
                .provide(CookieKey.class, APIKeyCookie.named("session").schemeName("SessionCookie")
                        .map(k -> new CookieKey(k.value())))
                .provide(CodeToken.class, OAuth2AuthorizationCodeBearer.urls("authorize", "token")
                        .refreshUrl("refresh").scopes(Map.of("read", "Read access")).map(t -> new CodeToken(t.token())))
                .provide(Digest.class, HTTPDigest.create().map(c -> new Digest(c.credentials())))
                .provideFrom(User.class, new Users())
                .provideFrom(ActiveUser.class, new ActiveUsers())
                .provideFrom(Admin.class, new Admins())
                .include(new Routes())
                .include(io.fasterapi.web.Router.of(new AdminRoutes()).prefix("/admin").security(User.class, "admin"))
                .include(io.fasterapi.web.Router.of(new AdminRoutes()).prefix("/plain").dependencies(ActiveUser.class));
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
        assertThat(op.isObject()).as("%s %s", method, path).isTrue();
        return op;
    }

    private static JsonNode json(String s) {
        return JSON.readTree(s);
    }

    @Test
    void schemesAreKeyedByNameWithFastApisFields() {
        JsonNode schemes = doc.path("components").path("securitySchemes");
        assertThat(schemes.path("OAuth2PasswordBearer")).isEqualTo(json("""
                {"type":"oauth2","flows":{"password":{"scopes":{"me":"Read information about the current user.",
                "items":"Read items."},"tokenUrl":"token"}}}"""));
        assertThat(schemes.path("HTTPBearer")).isEqualTo(json("""
                {"type":"http","description":"A signed token","scheme":"bearer","bearerFormat":"JWT"}"""));
        assertThat(schemes.path("HTTPBasic")).isEqualTo(json("{\"type\":\"http\",\"scheme\":\"basic\"}"));
        assertThat(schemes.path("APIKeyHeader")).isEqualTo(json("{\"type\":\"apiKey\",\"in\":\"header\",\"name\":\"X-API-Key\"}"));
        assertThat(schemes.path("SessionCookie")).isEqualTo(json("{\"type\":\"apiKey\",\"in\":\"cookie\",\"name\":\"session\"}"));
        assertThat(schemes.path("OAuth2AuthorizationCodeBearer")).isEqualTo(json(
                "{\"type\":\"oauth2\",\"flows\":{\"authorizationCode\":{\"refreshUrl\":\"refresh\","
                + "\"scopes\":{\"read\":\"Read access\"},\"authorizationUrl\":\"authorize\",\"tokenUrl\":\"token\"}}}"));
        assertThat(schemes.path("HTTPDigest")).isEqualTo(json("{\"type\":\"http\",\"scheme\":\"digest\"}"));
        assertThat(schemes.propertyNames()).containsExactlyInAnyOrder("OAuth2PasswordBearer", "HTTPBearer", "HTTPBasic",
                "APIKeyHeader", "SessionCookie", "OAuth2AuthorizationCodeBearer", "HTTPDigest");
        assertThat(op("/sso", "get").path("security")).isEqualTo(json(
                "[{\"OAuth2AuthorizationCodeBearer\":[\"read\",\"write\"]},{\"HTTPDigest\":[]}]"));
    }

    @Test
    void operationsRequireTheScopesDeclaredOnTheWayToTheScheme() {
        assertThat(op("/status", "get").path("security")).isEqualTo(json("[{\"OAuth2PasswordBearer\":[]}]"));
        assertThat(op("/users/me", "get").path("security")).isEqualTo(json("[{\"OAuth2PasswordBearer\":[\"me\"]}]"));
        assertThat(op("/users/me/items", "get").path("security"))
                .isEqualTo(json("[{\"OAuth2PasswordBearer\":[\"items\",\"me\"]}]"));
    }

    @Test
    void aSchemeReachedTwiceListsTheUnionOfItsScopesOnce() {
        assertThat(op("/admin", "get").path("security"))
                .isEqualTo(json("[{\"OAuth2PasswordBearer\":[\"admin\",\"audit\",\"me\"]}]"));
    }

    @Test
    void everySchemeOfAnOperationIsARequirementInDeclarationOrder() {
        assertThat(op("/bearer", "get").path("security")).isEqualTo(json(
                "[{\"HTTPBearer\":[]},{\"HTTPBasic\":[]},{\"APIKeyHeader\":[]},{\"SessionCookie\":[]}]"));
    }

    @Test
    void aRoutersSharedDependenciesAddTheirSchemesAndScopes() {
        assertThat(op("/admin/stats", "get").path("security")).isEqualTo(json("[{\"OAuth2PasswordBearer\":[\"admin\"]}]"));
        assertThat(op("/plain/stats", "get").path("security")).isEqualTo(json("[{\"OAuth2PasswordBearer\":[\"me\"]}]"));
    }

    @Test
    void securityComesAfterTheMetadataAndBeforeTheResponsesAsInFastApi() {
        List<String> fields = List.copyOf(op("/users/me", "get").propertyNames());
        assertThat(fields.indexOf("security")).isGreaterThan(fields.indexOf("operationId"))
                .isLessThan(fields.indexOf("responses"));
    }

    @Test
    void routesWithoutSchemesHaveNoSecurity() {
        assertThat(op("/public", "get").has("security")).isFalse();
        assertThat(op("/token", "post").has("security")).isFalse();
    }

    @Test
    void thePasswordFormIsAUrlencodedBodyWithFastApisFields() {
        JsonNode body = op("/token", "post").path("requestBody");
        assertThat(body.path("content").propertyNames()).containsExactly("application/x-www-form-urlencoded");
        assertThat(body.path("required").asBoolean()).isTrue();
        JsonNode schema = doc.path("components").path("schemas").path("Body_login_token_post");
        assertThat(schema.path("properties").propertyNames())
                .containsExactly("grant_type", "username", "password", "scope", "client_id", "client_secret");
        assertThat(schema.path("required")).isEqualTo(json("[\"username\",\"password\"]"));
        assertThat(schema.path("properties").path("scope")).isEqualTo(json(
                "{\"type\":\"string\",\"default\":\"\",\"title\":\"Scope\"}"));
        assertThat(schema.path("properties").path("grant_type")).isEqualTo(json(
                "{\"anyOf\":[{\"type\":\"string\",\"pattern\":\"^password$\"},{\"type\":\"null\"}],\"title\":\"Grant Type\"}"));
        assertThat(schema.path("properties").path("password")).isEqualTo(json(
                "{\"type\":\"string\",\"title\":\"Password\",\"format\":\"password\"}"));
        assertThat(schema.path("properties").path("client_secret")).isEqualTo(json(
                "{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"null\"}],\"title\":\"Client Secret\",\"format\":\"password\"}"));
        assertThat(schema.path("properties").path("client_id")).isEqualTo(json(
                "{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"null\"}],\"title\":\"Client Id\"}"));
        JsonNode strict = doc.path("components").path("schemas").path("Body_loginStrict_token_strict_post");
        assertThat(strict.path("required")).isEqualTo(json("[\"grant_type\",\"username\",\"password\"]"));
        assertThat(strict.path("properties").path("password")).as("FastAPI's strict form has no format")
                .isEqualTo(json("{\"type\":\"string\",\"title\":\"Password\"}"));
        assertThat(strict.path("properties").path("client_secret").has("format")).isFalse();
        assertThat(strict.path("properties").path("grant_type")).isEqualTo(json(
                "{\"type\":\"string\",\"pattern\":\"^password$\",\"title\":\"Grant Type\"}"));
    }

    @Test
    void isValidOpenApi31PerSwaggerParser() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
        assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
        assertThat(result.getOpenAPI().getComponents().getSecuritySchemes()).containsKeys("OAuth2PasswordBearer",
                "HTTPBearer", "HTTPBasic", "APIKeyHeader", "SessionCookie");
        assertThat(result.getOpenAPI().getPaths().get("/users/me/items").getGet().getSecurity().get(0))
                .containsEntry("OAuth2PasswordBearer", List.of("items", "me"));
    }
}
