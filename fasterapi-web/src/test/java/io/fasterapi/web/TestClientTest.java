package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestClientTest {
    public static final class Routes {
        @Get("/search")
        public Map<String, Object> search(String q, @Query("tag") List<String> tags) {
            return Map.of("q", q, "tags", tags);
        }

        @Post("/token")
        public Map<String, String> token(@Form String username, @Form String password) {
            return Map.of("user", username, "password_length", String.valueOf(password.length()));
        }

        @Post("/files")
        public Map<String, Object> upload(@Form String note, UploadFile file) throws Exception {
            return Map.of("note", note, "name", file.filename(), "type", file.contentType(),
                    "text", new String(file.bytes(), StandardCharsets.UTF_8));
        }

        @Get("/login")
        public Response login() {
            return Response.json(Map.of("ok", true)).cookie("session", "s-123");
        }

        @Get("/whoami")
        public Map<String, Object> whoami(@Cookie Optional<String> session, @Cookie Optional<String> theme) {
            return Map.of("session", session.orElse("none"), "theme", theme.orElse("none"));
        }

        @Get("/old")
        public Response old() {
            return Response.redirect("/search?q=moved");
        }

        @Post("/echo")
        public Map<String, Object> echo(@Body Map<String, Object> body) {
            return body;
        }
    }

    @Test
    void queryParametersAreEncodedAndRepeatedForLists() {
        try (TestClient client = TestClient.of(App.create().include(new Routes()))) {
            TestResponse r = client.request("GET", "/search").query("q", "blue & green widgets")
                    .query("tag", "a").query("tag", "b/c").send();

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json(Map.class)).isEqualTo(Map.of("q", "blue & green widgets", "tags", List.of("a", "b/c")));
        }
    }

    @Test
    void formFieldsAreSentUrlencoded() {
        try (TestClient client = TestClient.of(App.create().include(new Routes()))) {
            TestResponse r = client.request("POST", "/token").form("username", "alice@example.com")
                    .form("password", "p&ss=word").send();

            assertThat(r.json(Map.class)).isEqualTo(Map.of("user", "alice@example.com", "password_length", "9"));
        }
    }

    @Test
    void filesAndFieldsAreSentAsMultipart() {
        try (TestClient client = TestClient.of(App.create().include(new Routes()))) {
            TestResponse r = client.request("POST", "/files").form("note", "quarterly")
                    .file("file", "report.csv", "text/csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)).send();

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json(Map.class)).isEqualTo(Map.of("note", "quarterly", "name", "report.csv",
                    "type", "text/csv", "text", "a,b\n1,2\n"));
        }
    }

    @Test
    void cookiesTheAppSetsAreSentBackAndMoreCanBeAdded() {
        try (TestClient client = TestClient.of(App.create().include(new Routes()))) {
            assertThat(client.get("/whoami").json(Map.class)).isEqualTo(Map.of("session", "none", "theme", "none"));
            assertThat(client.get("/login").status()).isEqualTo(200);

            TestResponse r = client.request("GET", "/whoami").cookie("theme", "dark").send();

            assertThat(r.json(Map.class)).isEqualTo(Map.of("session", "s-123", "theme", "dark"));
        }
    }

    @Test
    void redirectsAreFollowedOnlyWhenAsked() {
        try (TestClient client = TestClient.of(App.create().include(new Routes()))) {
            TestResponse notFollowed = client.request("GET", "/old").send();
            TestResponse followed = client.request("GET", "/old").followRedirects(true).send();

            assertThat(notFollowed.status()).isEqualTo(307);
            assertThat(notFollowed.header("location")).isEqualTo("/search?q=moved");
            assertThat(followed.status()).isEqualTo(200);
            assertThat(followed.json(Map.class)).isEqualTo(Map.of("q", "moved", "tags", List.of()));
        }
    }

    @Test
    void aJsonBodyAndHeaders() {
        try (TestClient client = TestClient.of(App.create().include(new Routes()))) {
            TestResponse r = client.request("POST", "/echo").json(Map.of("name", "Widget", "price", 9.5))
                    .header("X-Request-Id", "req-42").send();

            assertThat(r.json(Map.class)).isEqualTo(Map.of("name", "Widget", "price", 9.5));
            assertThat(r.header("x-request-id")).isEqualTo("req-42");
        }
    }

    @Test
    void theClientKeepsTheAppsOwnServerOptions() {
        App app = App.create().include(new Routes()).options(ServerOptions.builder().maxBodySize(16).build());
        try (TestClient client = TestClient.of(app)) {
            TestResponse r = client.request("POST", "/echo").json(Map.of("long", "x".repeat(64))).send();

            assertThat(r.status()).isEqualTo(413);
        }
    }
}
