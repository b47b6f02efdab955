package io.fasterapi.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.web.App;
import io.fasterapi.web.Post;
import io.fasterapi.web.TestClient;
import io.fasterapi.web.TestResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link OAuth2PasswordRequestForm} and {@link OAuth2PasswordRequestFormStrict} read and refuse the
 * login form as FastAPI's {@code test_security_oauth2.py} expects, field for field.
 */
class PasswordFormTest {
    static TestClient client;

    public static class Routes {
        @Post("/login")
        public Map<String, Object> login(OAuth2PasswordRequestForm form) {
            return echo(form);
        }

        @Post("/login-strict")
        public Map<String, Object> loginStrict(OAuth2PasswordRequestFormStrict form) {
            return echo(form);
        }

        private static Map<String, Object> echo(OAuth2PasswordRequestForm form) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("grant_type", form.grantType());
            m.put("username", form.username());
            m.put("password", form.password());
            m.put("scopes", form.scopes());
            m.put("client_id", form.clientId());
            m.put("client_secret", form.clientSecret());
            return m;
        }
    }

    @BeforeAll
    static void start() {
        client = TestClient.of(App.create().include(new Routes()));
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    private static TestResponse post(String path, String form) {
        return client.postRaw(path, "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void strictLoginWithoutDataReportsEveryMissingField() {
        TestResponse r = client.postRaw("/login-strict", "application/x-www-form-urlencoded", new byte[0]);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.text()).isEqualTo("{\"detail\":["
                + "{\"type\":\"missing\",\"loc\":[\"body\",\"grant_type\"],\"msg\":\"Field required\",\"input\":null},"
                + "{\"type\":\"missing\",\"loc\":[\"body\",\"username\"],\"msg\":\"Field required\",\"input\":null},"
                + "{\"type\":\"missing\",\"loc\":[\"body\",\"password\"],\"msg\":\"Field required\",\"input\":null}]}");
    }

    @Test
    void strictLoginRequiresGrantType() {
        TestResponse r = post("/login-strict", "username=johndoe&password=secret");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.text()).isEqualTo("{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"grant_type\"],"
                + "\"msg\":\"Field required\",\"input\":null}]}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"incorrect", "passwordblah", "blahpassword"})
    void grantTypeMustBeExactlyPassword(String grantType) {
        for (String path : new String[] {"/login-strict", "/login"}) {
            TestResponse r = post(path, "username=johndoe&password=secret&grant_type=" + grantType);
            assertThat(r.status()).isEqualTo(422);
            assertThat(r.text()).isEqualTo("{\"detail\":[{\"type\":\"string_pattern_mismatch\",\"loc\":[\"body\","
                    + "\"grant_type\"],\"msg\":\"String should match pattern '^password$'\",\"input\":\"" + grantType
                    + "\",\"ctx\":{\"pattern\":\"^password$\"}}]}");
        }
    }

    @Test
    void strictLoginWithGrantTypeReadsTheForm() {
        TestResponse r = post("/login-strict", "username=johndoe&password=secret&grant_type=password");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("{\"grant_type\":\"password\",\"username\":\"johndoe\",\"password\":\"secret\","
                + "\"scopes\":[],\"client_id\":null,\"client_secret\":null}");
    }

    @Test
    void lenientLoginNeedsOnlyUsernameAndPasswordAndSplitsScopes() {
        TestResponse r = post("/login", "username=johndoe&password=se%20cret&scope=items%3Aread++me&client_id=app"
                + "&client_secret=s");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("{\"grant_type\":null,\"username\":\"johndoe\",\"password\":\"se cret\","
                + "\"scopes\":[\"items:read\",\"me\"],\"client_id\":\"app\",\"client_secret\":\"s\"}");
    }

    @Test
    void lenientLoginWithoutPasswordIs422() {
        TestResponse r = post("/login", "username=johndoe");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.text()).isEqualTo("{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"password\"],"
                + "\"msg\":\"Field required\",\"input\":null}]}");
    }
}
