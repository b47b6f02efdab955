package io.fasterapi.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.web.App;
import io.fasterapi.web.Get;
import io.fasterapi.web.TestClient;
import io.fasterapi.web.TestResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each scheme answers as FastAPI 0.141's does (its tests {@code test_security_*.py}): the
 * credentials it reads, and for missing or malformed ones 401 {@code {"detail":"Not authenticated"}}
 * with the scheme's exact {@code WWW-Authenticate}, or {@code null} with {@code autoError(false)}.
 */
class SecurityTest {
    record HeaderKey(String value) {
    }

    record QueryKey(String value) {
    }

    record CookieKey(String value) {
    }

    record OptionalToken(String token) {
    }

    record OptionalBearer(String scheme, String credentials) {
    }

    record OptionalBasic(String username, String password) {
    }

    record OptionalKey(String value) {
    }

    record Digest(String scheme, String credentials) {
    }

    record CodeToken(String token) {
    }

    public static class Routes {
        @Get("/oauth2")
        public Map<String, String> oauth2(BearerToken token) {
            return Map.of("token", token.token());
        }

        @Get("/bearer")
        public HTTPAuthorizationCredentials bearer(HTTPAuthorizationCredentials credentials) {
            return credentials;
        }

        @Get("/basic")
        public HTTPBasicCredentials basic(HTTPBasicCredentials credentials) {
            return credentials;
        }

        @Get("/key/header")
        public HeaderKey header(HeaderKey key) {
            return key;
        }

        @Get("/key/query")
        public QueryKey query(QueryKey key) {
            return key;
        }

        @Get("/key/cookie")
        public CookieKey cookie(CookieKey key) {
            return key;
        }

        @Get("/digest")
        public Digest digest(Digest credentials) {
            return credentials;
        }

        @Get("/code")
        public CodeToken code(CodeToken token) {
            return token;
        }

        @Get("/optional/oauth2")
        public Map<String, Object> optionalOauth2(OptionalToken token) {
            return nullable("token", token);
        }

        @Get("/optional/bearer")
        public Map<String, Object> optionalBearer(OptionalBearer credentials) {
            return nullable("credentials", credentials);
        }

        @Get("/optional/basic")
        public Map<String, Object> optionalBasic(OptionalBasic credentials) {
            return nullable("credentials", credentials);
        }

        @Get("/optional/key")
        public Map<String, Object> optionalKey(OptionalKey key) {
            return nullable("key", key);
        }

        private static Map<String, Object> nullable(String name, Object value) {
            Map<String, Object> m = new HashMap<>();
            m.put(name, value);
            return m;
        }
    }

    static TestClient client;

    @BeforeAll
    static void start() {
        App app = App.create()
                .provide(BearerToken.class, OAuth2PasswordBearer.tokenUrl("/token"))
                .provide(HTTPAuthorizationCredentials.class, HTTPBearer.create())
                .provide(HTTPBasicCredentials.class, HTTPBasic.create().realm("simple"))
                .provide(HeaderKey.class, APIKeyHeader.named("key").map(k -> new HeaderKey(k.value())))
                .provide(QueryKey.class, APIKeyQuery.named("key").map(k -> new QueryKey(k.value())))
                .provide(CookieKey.class, APIKeyCookie.named("key").map(k -> new CookieKey(k.value())))
                .provide(OptionalToken.class, OAuth2PasswordBearer.tokenUrl("/token").autoError(false)
                        .map(t -> new OptionalToken(t.token())))
                .provide(OptionalBearer.class, HTTPBearer.create().autoError(false)
                        .map(c -> new OptionalBearer(c.scheme(), c.credentials())))
                .provide(OptionalBasic.class, HTTPBasic.create().autoError(false)
                        .map(c -> new OptionalBasic(c.username(), c.password())))
                .provide(OptionalKey.class, APIKeyHeader.named("key").autoError(false)
                        .map(k -> new OptionalKey(k.value())))
                .provide(Digest.class, HTTPDigest.create().map(c -> new Digest(c.scheme(), c.credentials())))
                .provide(CodeToken.class, OAuth2AuthorizationCodeBearer.urls("authorize", "token")
                        .map(t -> new CodeToken(t.token())))
                .include(new Routes());
        client = TestClient.of(app);
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    private static void assertNotAuthenticated(TestResponse r, String challenge) {
        assertThat(r.status()).as(r.text()).isEqualTo(401);
        assertThat(r.text()).isEqualTo("{\"detail\":\"Not authenticated\"}");
        assertThat(r.header("WWW-Authenticate")).isEqualTo(challenge);
    }

    private static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void oauth2PasswordBearerGivesTheTokenOfABearerHeaderInAnyCase() {
        assertThat(client.get("/oauth2", "Authorization", "Bearer footokenbar").text())
                .isEqualTo("{\"token\":\"footokenbar\"}");
        assertThat(client.get("/oauth2", "Authorization", "bearer  spaced ").text())
                .isEqualTo("{\"token\":\"spaced\"}");
    }

    @Test
    void oauth2PasswordBearerRefusesAMissingOrOtherSchemeWithABearerChallenge() {
        assertNotAuthenticated(client.get("/oauth2"), "Bearer");
        assertNotAuthenticated(client.get("/oauth2", "Authorization", "Other footokenbar"), "Bearer");
        assertNotAuthenticated(client.get("/oauth2", "Authorization", "footokenbar"), "Bearer");
    }

    @Test
    void httpBearerGivesSchemeAndCredentials() {
        TestResponse r = client.get("/bearer", "Authorization", "Bearer foobar");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("{\"scheme\":\"Bearer\",\"credentials\":\"foobar\"}");
    }

    @Test
    void httpBearerRefusesMissingIncompleteAndOtherSchemes() {
        assertNotAuthenticated(client.get("/bearer"), "Bearer");
        assertNotAuthenticated(client.get("/bearer", "Authorization", "Basic notreally"), "Bearer");
        assertNotAuthenticated(client.get("/bearer", "Authorization", "Bearer"), "Bearer");
        assertNotAuthenticated(client.get("/bearer", "Authorization", "Bearer   "), "Bearer");
    }

    @Test
    void httpBasicDecodesUserAndPasswordWithColonsInThePassword() {
        TestResponse r = client.get("/basic", "Authorization", basic("john:secret:more"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("{\"username\":\"john\",\"password\":\"secret:more\"}");
        assertThat(client.get("/basic", "Authorization", basic(":")).text())
                .isEqualTo("{\"username\":\"\",\"password\":\"\"}");
    }

    @Test
    void httpBasicChallengesWithItsRealm() {
        assertNotAuthenticated(client.get("/basic"), "Basic realm=\"simple\"");
        assertNotAuthenticated(client.get("/basic", "Authorization", "Bearer token"), "Basic realm=\"simple\"");
    }

    @Test
    void httpBasicRefusesMalformedCredentials() {
        assertNotAuthenticated(client.get("/basic", "Authorization", basic("nocolon")), "Basic realm=\"simple\"");
        assertNotAuthenticated(client.get("/basic", "Authorization", "Basic " + Base64.getEncoder()
                .encodeToString("jöhn:pw".getBytes(StandardCharsets.UTF_8))), "Basic realm=\"simple\"");
        assertNotAuthenticated(client.get("/basic", "Authorization", "Basic ==="), "Basic realm=\"simple\"");
    }

    @Test
    void apiKeysAreReadFromHeaderQueryAndCookie() {
        assertThat(client.get("/key/header", "key", "secret").text()).isEqualTo("{\"value\":\"secret\"}");
        assertThat(client.get("/key/header", "KEY", "secret").text()).isEqualTo("{\"value\":\"secret\"}");
        assertThat(client.get("/key/query?key=secret").text()).isEqualTo("{\"value\":\"secret\"}");
        assertThat(client.get("/key/query?key=first&key=last").text()).isEqualTo("{\"value\":\"last\"}");
        assertThat(client.get("/key/cookie", "Cookie", "key=secret").text()).isEqualTo("{\"value\":\"secret\"}");
    }

    @Test
    void missingOrEmptyApiKeysAnswer401WithAnApiKeyChallenge() {
        assertNotAuthenticated(client.get("/key/header"), "APIKey");
        assertNotAuthenticated(client.get("/key/header", "key", ""), "APIKey");
        assertNotAuthenticated(client.get("/key/query"), "APIKey");
        assertNotAuthenticated(client.get("/key/query?key="), "APIKey");
        assertNotAuthenticated(client.get("/key/cookie"), "APIKey");
        assertNotAuthenticated(client.get("/key/cookie", "Cookie", "other=secret"), "APIKey");
    }

    @Test
    void httpDigestGivesItsCredentialsAndChallengesWithDigest() {
        assertThat(client.get("/digest", "Authorization", "Digest foobar").text())
                .isEqualTo("{\"scheme\":\"Digest\",\"credentials\":\"foobar\"}");
        assertNotAuthenticated(client.get("/digest"), "Digest");
        assertNotAuthenticated(client.get("/digest", "Authorization", "Bearer foobar"), "Digest");
        assertNotAuthenticated(client.get("/digest", "Authorization", "Digest"), "Digest");
    }

    @Test
    void oauth2AuthorizationCodeBearerReadsBearerTokens() {
        assertThat(client.get("/code", "Authorization", "Bearer testtoken").text()).isEqualTo("{\"token\":\"testtoken\"}");
        assertNotAuthenticated(client.get("/code"), "Bearer");
        assertNotAuthenticated(client.get("/code", "Authorization", "Basic x"), "Bearer");
    }

    @Test
    void withAutoErrorOffMissingCredentialsAreNull() {
        assertThat(client.get("/optional/oauth2").text()).isEqualTo("{\"token\":null}");
        assertThat(client.get("/optional/oauth2", "Authorization", "Other x").text()).isEqualTo("{\"token\":null}");
        assertThat(client.get("/optional/oauth2", "Authorization", "Bearer x").text())
                .isEqualTo("{\"token\":{\"token\":\"x\"}}");
        assertThat(client.get("/optional/bearer").text()).isEqualTo("{\"credentials\":null}");
        assertThat(client.get("/optional/bearer", "Authorization", "Basic x").text()).isEqualTo("{\"credentials\":null}");
        assertThat(client.get("/optional/basic").text()).isEqualTo("{\"credentials\":null}");
        assertThat(client.get("/optional/key").text()).isEqualTo("{\"key\":null}");
        assertThat(client.get("/optional/key", "key", "k").text()).isEqualTo("{\"key\":{\"value\":\"k\"}}");
    }

    @Test
    void withAutoErrorOffMalformedBasicCredentialsStillAnswer401() {
        // FastAPI raises on an undecodable Basic header whatever auto_error says
        assertNotAuthenticated(client.get("/optional/basic", "Authorization", basic("nocolon")), "Basic");
    }

    @Test
    void credentialsNeverShowInToString() {
        assertThat(new HTTPBasicCredentials("john", "s3cret").toString()).doesNotContain("s3cret").contains("john");
        assertThat(new BearerToken("t0ken").toString()).doesNotContain("t0ken");
        assertThat(new HTTPAuthorizationCredentials("Bearer", "t0ken").toString()).doesNotContain("t0ken");
        assertThat(new APIKey("k3y").toString()).doesNotContain("k3y");
        assertThat(new OAuth2PasswordRequestForm("password", "john", "s3cret", "a b", "id", "cs3cret").toString())
                .doesNotContain("s3cret").contains("john");
    }
}
