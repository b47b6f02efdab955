package io.fasterapi.examples.secure;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import io.fasterapi.testing.TestPostgres;
import io.fasterapi.web.TestClient;
import io.fasterapi.web.TestResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The secure example end to end: a real server (TestClient) and real PostgreSQL, the users in a
 * schema of this test's own: login, tokens, scopes, roles and every refusal, with FastAPI's answers.
 */
class SecureAppTest {
    static final byte[] SECRET = "an example secret of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8);
    static String schema;
    static PgPool pool;
    static TestClient client;
    static TokenService tokens;

    @BeforeAll
    static void start() {
        schema = TestPostgres.uniqueSchema(SecureAppTest.class);
        pool = PgPool.create(TestPostgres.dsn());
        PasswordHasher hasher = new PasswordHasher(1_000); // the default 600,000 rounds would slow every login
        UserStore users = new UserStore(schema);
        users.createIfMissing(pool, hasher);
        tokens = new TokenService(SECRET, Duration.ofMinutes(30), Clock.systemUTC());
        client = TestClient.of(SecureApp.create(pool, users, hasher, tokens));
    }

    @AfterAll
    static void stop() {
        client.close();
        try (Pg pg = pool.get()) {
            pg.exec("DROP SCHEMA " + schema + " CASCADE");
        } finally {
            pool.close();
        }
    }

    private static TestResponse login(String username, String password, String scope) {
        String form = "username=" + username + "&password=" + password + "&scope=" + scope.replace(" ", "+");
        return client.postRaw("/token", "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
    }

    private static String token(String username, String scope) {
        TestResponse r = login(username, "secret", scope);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return (String) r.json(Map.class).get("access_token");
    }

    private static TestResponse get(String path, String token) {
        return client.get(path, "Authorization", "Bearer " + token);
    }

    @Test
    void loginIssuesAnHs256JwtWithTheGrantedScopes() {
        TestResponse r = login("johndoe", "secret", "me items");
        assertThat(r.status()).isEqualTo(200);
        Map<?, ?> body = r.json(Map.class);
        assertThat(body.get("token_type")).isEqualTo("bearer");
        String jwt = (String) body.get("access_token");
        String header = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8);
        assertThat(header).contains("\"alg\":\"HS256\"");
        assertThat(tokens.verify(jwt)).hasValue(new TokenService.Claims("johndoe", List.of("me", "items")));
    }

    @Test
    void wrongPasswordAndUnknownUserAreRefusedAlike() {
        for (TestResponse r : List.of(login("johndoe", "wrong", ""), login("nobody", "secret", ""))) {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.text()).isEqualTo("{\"detail\":\"Incorrect username or password\"}");
        }
    }

    @Test
    void loginWithoutAPasswordIsFastApis422() {
        TestResponse r = client.postRaw("/token", "application/x-www-form-urlencoded",
                "username=johndoe".getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.text()).isEqualTo("{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"password\"],"
                + "\"msg\":\"Field required\",\"input\":null}]}");
    }

    @Test
    void usersMeNeedsAToken() {
        TestResponse r = client.get("/users/me");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.text()).isEqualTo("{\"detail\":\"Not authenticated\"}");
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void usersMeAnswersTheUserWithoutItsPasswordHash() {
        TestResponse r = get("/users/me", token("johndoe", "me"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("{\"username\":\"johndoe\",\"fullName\":\"John Doe\","
                + "\"email\":\"johndoe@example.com\",\"role\":\"user\",\"disabled\":false}");
    }

    @Test
    void aTokenWithoutTheRouteScopesIsRefusedNamingThem() {
        TestResponse r = get("/users/me/items", token("johndoe", "me"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.text()).isEqualTo("{\"detail\":\"Not enough permissions\"}");
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer scope=\"items me\"");
        TestResponse ok = get("/users/me/items", token("johndoe", "me items"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.text()).isEqualTo("[{\"item_id\":\"Foo\",\"owner\":\"johndoe\"}]");
    }

    @Test
    void statusAcceptsAnyValidTokenWhateverItsScopes() {
        TestResponse r = get("/status", token("johndoe", ""));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void rolesLimitTheScopesALoginGrants() {
        String userToken = token("johndoe", "me users:read");
        assertThat(tokens.verify(userToken).orElseThrow().scopes()).containsExactly("me");
        assertThat(get("/users", userToken).status()).isEqualTo(401);
        TestResponse admin = get("/users", token("admin", "me users:read"));
        assertThat(admin.status()).as(admin.text()).isEqualTo(200);
        assertThat(admin.text()).contains("\"username\":\"admin\"", "\"username\":\"alice\"", "\"username\":\"johndoe\"")
                .doesNotContain("pbkdf2", "password");
    }

    @Test
    void aDisabledUserIsInactive() {
        TestResponse r = get("/users/me", token("alice", "me"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).isEqualTo("{\"detail\":\"Inactive user\"}");
    }

    @Test
    void forgedTamperedExpiredAndUnsignedTokensAreRefused() throws Exception {
        String good = token("johndoe", "me");
        String[] parts = good.split("\\.");
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"admin\",\"scope\":\"me users:read\",\"exp\":9999999999}".getBytes(StandardCharsets.UTF_8));
        String tampered = parts[0] + "." + otherPayload + "." + parts[2];
        String otherKey = new TokenService("another secret that is at least 32 bytes long".getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(30), Clock.systemUTC()).issue("johndoe", List.of("me"));
        String expired = new TokenService(SECRET, Duration.ofMinutes(30),
                Clock.fixed(Instant.now().minus(Duration.ofHours(1)), java.time.ZoneOffset.UTC)).issue("johndoe", List.of("me"));
        String unsigned = new PlainJWT(new PlainHeader(), new JWTClaimsSet.Builder().subject("johndoe")
                .claim("scope", "me").expirationTime(Date.from(Instant.now().plusSeconds(600))).build()).serialize();
        SignedJWT hs512 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), new JWTClaimsSet.Builder().subject("johndoe")
                .claim("scope", "me").expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        hs512.sign(new MACSigner(java.util.Arrays.copyOf(SECRET, 64)));
        for (String bad : List.of(tampered, otherKey, expired, unsigned, hs512.serialize(), "not-a-jwt", "")) {
            TestResponse r = get("/users/me", bad);
            assertThat(r.status()).as(bad).isEqualTo(401);
            assertThat(r.text()).isEqualTo("{\"detail\":\"Could not validate credentials\"}");
            assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer scope=\"me\"");
        }
    }

    @Test
    void passwordsAreStoredAsSaltedPbkdf2Hashes() {
        try (Pg pg = pool.get()) {
            List<String> hashes = pg.exec("SELECT password_hash FROM " + schema + ".users ORDER BY username").all()
                    .stream().map(row -> row.get(0, String.class)).toList();
            assertThat(hashes).hasSize(3).allMatch(h -> h.startsWith("pbkdf2_sha256$1000$"))
                    .noneMatch(h -> h.contains("secret"));
            assertThat(hashes).doesNotHaveDuplicates(); // same password, different salts
        }
    }

    @Test
    void openApiDocumentsThePasswordFlowAndEachRoutesScopes() {
        String doc = client.get("/openapi.json").text();
        assertThat(doc).contains("\"securitySchemes\":{\"OAuth2PasswordBearer\":{\"type\":\"oauth2\",\"flows\":"
                + "{\"password\":{\"scopes\":{\"me\":\"Read information about the current user.\",\"items\":\"Read items.\","
                + "\"users:read\":\"List every user (admins only).\"},\"tokenUrl\":\"/token\"}}}}");
        assertThat(doc).contains("\"security\":[{\"OAuth2PasswordBearer\":[\"items\",\"me\"]}]",
                "\"security\":[{\"OAuth2PasswordBearer\":[\"users:read\",\"me\"]}]",
                "\"security\":[{\"OAuth2PasswordBearer\":[]}]");
    }
}
