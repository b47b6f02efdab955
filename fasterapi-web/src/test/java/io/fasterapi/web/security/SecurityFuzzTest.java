package io.fasterapi.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.web.App;
import io.fasterapi.web.Get;
import io.fasterapi.web.TestClient;
import io.fasterapi.web.TestResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random inputs (the seed is in each assertion's message): Basic credentials of any ASCII
 * user name and password round-trip exactly, and no {@code Authorization} header, however
 * malformed, makes any scheme answer anything but 200 or 401.
 */
class SecurityFuzzTest {
    static TestClient client;

    public static class Routes {
        @Get("/basic")
        public HTTPBasicCredentials basic(HTTPBasicCredentials c) {
            return c;
        }

        @Get("/bearer")
        public HTTPAuthorizationCredentials bearer(HTTPAuthorizationCredentials c) {
            return c;
        }

        @Get("/oauth2")
        public BearerToken oauth2(BearerToken t) {
            return t;
        }
    }

    @BeforeAll
    static void start() {
        client = TestClient.of(App.create()
                .provide(HTTPBasicCredentials.class, HTTPBasic.create())
                .provide(HTTPAuthorizationCredentials.class, HTTPBearer.create())
                .provide(BearerToken.class, OAuth2PasswordBearer.tokenUrl("/token"))
                .include(new Routes()));
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    private static String printable(Random random, int max, String exclude) {
        StringBuilder b = new StringBuilder();
        for (int n = random.nextInt(max + 1); b.length() < n; ) {
            char c = (char) random.nextInt(0x20, 0x7f);
            if (exclude.indexOf(c) < 0) {
                b.append(c);
            }
        }
        return b.toString();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
    void basicCredentialsRoundTrip(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 10; i++) {
            String user = printable(random, 20, ":");
            String password = printable(random, 30, "");
            String header = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.US_ASCII));
            TestResponse r = client.get("/basic", "Authorization", header);
            assertThat(r.status()).as("seed %d, %s", seed, header).isEqualTo(200);
            assertThat(r.json(java.util.Map.class)).as("seed %d", seed)
                    .isEqualTo(java.util.Map.of("username", user, "password", password));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23, 24, 25, 26, 27, 28})
    void malformedAuthorizationIsNeverAServerError(long seed) {
        Random random = new Random(seed);
        List<String> schemes = List.of("Basic ", "Bearer ", "basic", "BEARER  ", "", "Digest ");
        for (int i = 0; i < 10; i++) {
            String header = (schemes.get(random.nextInt(schemes.size())) + printable(random, 40, "")).strip();
            for (String path : List.of("/basic", "/bearer", "/oauth2")) {
                TestResponse r = header.isEmpty() ? client.get(path) : client.get(path, "Authorization", header);
                assertThat(r.status()).as("seed %d, %s %s: %s", seed, path, header, r.text()).isIn(200, 401);
                if (r.status() == 401) {
                    assertThat(r.text()).isEqualTo("{\"detail\":\"Not authenticated\"}");
                }
            }
        }
    }
}
