package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link Cors}: preflights per the Fetch standard and Starlette, headers on actual requests. */
class CorsTest {
    static TestClient strict;
    static TestClient open;

    @BeforeAll
    static void start() {
        App a = App.create().middleware(Cors.builder()
                .allowOrigins("https://app.example.com")
                .allowOriginPattern("https://[a-z0-9]+\\.preview\\.example\\.com")
                .allowMethods("GET", "POST")
                .allowHeaders("Authorization", "X-Token")
                .allowCredentials(true)
                .exposeHeaders("X-Total")
                .maxAge(Duration.ofMinutes(5))
                .build());
        a.get("/items", req -> Map.of("ok", true));
        a.post("/items", req -> {
            throw new HttpException(403, "no");
        });
        strict = TestClient.of(a);
        App b = App.create().middleware(Cors.builder().allowOrigins("*").allowMethods("*").allowHeaders("*").build());
        b.get("/items", req -> "ok");
        open = TestClient.of(b);
    }

    @AfterAll
    static void stop() {
        strict.close();
        open.close();
    }

    @Test
    void answersAllowedPreflightWithoutReachingTheRouter() {
        TestResponse r = strict.send("OPTIONS", "/items", null, null, "Origin", "https://app.example.com",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "x-token, content-type");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("OK");
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(r.header("Access-Control-Allow-Methods")).isEqualTo("GET, POST");
        assertThat(r.header("Access-Control-Allow-Headers"))
                .isEqualTo("accept, accept-language, authorization, content-language, content-type, x-token");
        assertThat(r.header("Access-Control-Max-Age")).isEqualTo("300");
        assertThat(r.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(r.headers("Vary")).contains("Origin");
    }

    @Test
    void rejectsPreflightNamingEveryFailure() {
        TestResponse r = strict.send("OPTIONS", "/items", null, null, "Origin", "https://evil.example.org",
                "Access-Control-Request-Method", "DELETE", "Access-Control-Request-Headers", "x-other");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).isEqualTo("Disallowed CORS origin, method, headers");
        assertThat(r.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void allowsOriginsMatchingThePattern() {
        TestResponse r = strict.send("OPTIONS", "/items", null, null, "Origin", "https://pr42.preview.example.com",
                "Access-Control-Request-Method", "GET");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("https://pr42.preview.example.com");
        assertThat(strict.send("OPTIONS", "/items", null, null, "Origin", "https://x.preview.example.com.evil.org",
                "Access-Control-Request-Method", "GET").status()).isEqualTo(400);
    }

    @Test
    void addsHeadersToActualRequestsAndErrors() {
        TestResponse ok = strict.get("/items", "Origin", "https://app.example.com");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(ok.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(ok.header("Access-Control-Expose-Headers")).isEqualTo("X-Total");
        assertThat(ok.headers("Vary")).contains("Origin");
        TestResponse error = strict.post("/items", Map.of(), "Origin", "https://app.example.com");
        assertThat(error.status()).isEqualTo(403);
        assertThat(error.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
    }

    @Test
    void leavesOtherOriginsAndSameOriginRequestsAlone() {
        TestResponse other = strict.get("/items", "Origin", "https://evil.example.org");
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.header("Access-Control-Allow-Origin")).isNull();
        TestResponse plain = strict.get("/items");
        assertThat(plain.header("Access-Control-Allow-Origin")).isNull();
        assertThat(plain.header("Vary")).isNull();
    }

    @Test
    void wildcardsAnswerStarAndEchoRequestedHeaders() {
        TestResponse pre = open.send("OPTIONS", "/items", null, null, "Origin", "https://a.test",
                "Access-Control-Request-Method", "PATCH", "Access-Control-Request-Headers", "x-anything");
        assertThat(pre.status()).isEqualTo(200);
        assertThat(pre.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(pre.header("Access-Control-Allow-Headers")).isEqualTo("x-anything");
        assertThat(pre.header("Access-Control-Allow-Methods")).isEqualTo("DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
        assertThat(pre.header("Access-Control-Allow-Credentials")).isNull();
        TestResponse r = open.get("/items", "Origin", "https://a.test");
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
    }
}
