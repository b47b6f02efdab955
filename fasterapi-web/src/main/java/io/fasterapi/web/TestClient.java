package io.fasterapi.web;

import io.fasterapi.web.internal.server.NettyServer;
import tools.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls an app over a real loopback socket, like Starlette's {@code TestClient} but without mocks:
 * {@link #of(App)} starts the server on 127.0.0.1 and a free port, and {@link #close()} stops it.
 *
 * {@snippet :
 * try (TestClient client = TestClient.of(app)) {
 *     TestResponse r = client.get("/items/1");
 *     assertEquals(200, r.status());
 *     Item item = r.json(Item.class);
 * }
 * }
 *
 * <p>Cookies set by the app are kept and sent back, as Starlette's client does; redirects are not
 * followed unless a {@link #request} asks. Thread-safe: tests may send concurrent requests.
 */
public final class TestClient implements AutoCloseable {
    private final Server server;
    private final JsonMapper json; // the app's: bodies written and read with its naming policy
    private final HttpClient http;
    private final String base;

    private final HttpClient following;

    private TestClient(Server server, JsonMapper json) {
        this.server = server;
        if (server instanceof NettyServer started) {
            // the steady state, whatever a test asks first: blocking handlers on virtual threads; a warm-up that
            // hangs (a user's serializer that blocks) is not waited for past a minute: requests wait for it then
            started.awaitWarmup(Duration.ofMinutes(1));
        }
        this.json = json;
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL); // kept across requests, as Starlette's
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.following = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();
        this.base = "http://127.0.0.1:" + server.port();
    }

    /**
     * Starts {@code app} on a loopback port, with the server options the app was given (its limits,
     * timeouts, compression...; only the host is forced to 127.0.0.1), and returns a client for it once
     * the start's warm-up has ended (at most a minute), so blocking handlers run on virtual threads from the
     * first request on (during the warm-up of a server started otherwise, they run on platform threads of
     * their own).
     */
    public static TestClient of(App app) {
        ServerOptions own = app.serverOptions();
        return new TestClient(app.options(own.toBuilder().host("127.0.0.1").build()).start(0), app.json().mapper());
    }

    /** Starts {@code app} with {@code options} (its host is forced to loopback). */
    public static TestClient of(App app, ServerOptions.Builder options) {
        return new TestClient(app.options(options.host("127.0.0.1").build()).start(0), app.json().mapper());
    }

    /** The server's port. */
    public int port() {
        return server.port();
    }

    /** The base URI, {@code http://127.0.0.1:port}. */
    public String baseUri() {
        return base;
    }

    /**
     * A request to build with query parameters, headers, cookies, a JSON, form or multipart body and
     * redirect following, then {@link TestRequest#send()}: see {@link TestRequest}.
     */
    public TestRequest request(String method, String path) {
        return new TestRequest(this, method, path);
    }

    /** GET {@code path} (with its query string). */
    public TestResponse get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }

    /** DELETE {@code path}. */
    public TestResponse delete(String path, String... headers) {
        return send("DELETE", path, null, null, headers);
    }

    /** POST {@code body} encoded as JSON; a {@code String} is sent as it is (to send malformed JSON). */
    public TestResponse post(String path, Object body, String... headers) {
        return send("POST", path, json(body), "application/json", headers);
    }

    /** PUT {@code body} encoded as JSON. */
    public TestResponse put(String path, Object body, String... headers) {
        return send("PUT", path, json(body), "application/json", headers);
    }

    /** PATCH {@code body} encoded as JSON. */
    public TestResponse patch(String path, Object body, String... headers) {
        return send("PATCH", path, json(body), "application/json", headers);
    }

    /** POST raw bytes with a content type (malformed JSON, forms...). */
    public TestResponse postRaw(String path, String contentType, byte[] body, String... headers) {
        return send("POST", path, body, contentType, headers);
    }

    /**
     * Sends any request. {@code headers} alternate names and values ({@code "X-Token", "abc"}).
     * {@code body} may be null.
     */
    public TestResponse send(String method, String path, byte[] body, String contentType, String... headers) {
        return send(method, path, body, contentType, false, headers);
    }

    TestResponse send(String method, String path, byte[] body, String contentType, boolean followRedirects,
                      String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers must alternate names and values");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> r = (followRedirects ? following : http).send(b.build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new TestResponse(r.statusCode(), r.headers(), r.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private byte[] json(Object body) {
        if (body instanceof String s) {
            return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        return json.writeValueAsBytes(body);
    }

    /** {@code value} as JSON, named as the app names its properties ({@link App#jsonNaming}). */
    byte[] writeJson(Object value) {
        return json.writeValueAsBytes(value);
    }

    /** Stops the server. */
    @Override
    public void close() {
        http.close();
        following.close();
        server.stop(Duration.ZERO, Duration.ofSeconds(5)); // no load balancer to wait for
    }
}
