package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.core.Future;
import io.fasterapi.core.Shard;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Where handlers run, what they may return, dependencies and their cleanup, errors, middleware. */
class HandlersTest {
    static TestClient client;
    static App app;
    static final List<String> events = new CopyOnWriteArrayList<>();

    /** A closeable dependency that records its life. */
    public static final class Conn implements AutoCloseable {
        final String name;

        Conn(String name) {
            this.name = name;
            events.add("open " + name);
        }

        @Override
        public void close() {
            events.add("close " + name);
        }
    }

    /** Depends on Conn: created second, closed first. */
    public static final class Repo implements AutoCloseable {
        final Conn conn;

        Repo(Conn conn) {
            this.conn = conn;
            events.add("open repo");
        }

        @Override
        public void close() {
            events.add("close repo");
        }
    }

    public record User(String name) {
    }

    /** A factory whose own parameters are bound by the handler rules. */
    public static final class UserFactory {
        public User user(@Header String x_user, Conn conn) {
            if (x_user.equals("nobody")) {
                throw new HttpException(401, "Not authenticated", Map.of("WWW-Authenticate", "Bearer"));
            }
            return new User(x_user);
        }
    }

    static final class Boom extends RuntimeException {
        Boom(String m) {
            super(m);
        }
    }

    public static class Routes {
        @Get("/deps")
        public String deps(Repo repo, Conn conn) {
            return repo.conn == conn ? "same" : "different"; // cached per request
        }

        @Get("/deps/fail")
        public String depsFail(Repo repo) {
            throw new IllegalStateException("SELECT secret FROM passwords");
        }

        @Get("/me")
        public User me(User user) {
            return user;
        }

        @Get("/where")
        public Map<String, Object> where(Request request) {
            return Map.of("virtual", Thread.currentThread().isVirtual(),
                    "affine", Shard.affine() == request.shard());
        }

        @Get("/async")
        public Future<Map<String, Object>> async(Request request) {
            boolean onLoop = request.shard().inLoop();
            return request.shard().delay(java.time.Duration.ofMillis(5)).map(v -> Map.of("onLoop", onLoop));
        }

        @Get("/stage")
        public CompletableFuture<String> stage() {
            return CompletableFuture.supplyAsync(() -> "from stage");
        }

        @Get("/async/fail")
        public Future<String> asyncFail() {
            return Future.failed(new HttpException(409, Map.of("reason", "conflict")));
        }

        @Get("/bytes")
        public byte[] bytes() {
            return new byte[] {1, 2, 3};
        }

        @Get("/custom")
        public Response custom() {
            return Response.json(202, Map.of("ok", true)).header("X-Custom", "yes");
        }

        @Get("/injected")
        public Map<String, String> injected(Response response) {
            response.header("X-Extra", "1").withStatus(203);
            return Map.of("a", "b");
        }

        @Get("/boom")
        public String boom() {
            throw new Boom("custom");
        }

        @Get("/stream")
        public Response stream() {
            return Response.stream("text/plain", out -> {
                for (int i = 0; i < 1000; i++) {
                    out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
                }
            });
        }

        @Get("/publisher")
        public Response publisher() {
            SubmissionPublisher<ByteBuffer> p = new SubmissionPublisher<>();
            Thread.startVirtualThread(() -> {
                try {
                    Thread.sleep(20); // let the subscriber attach
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < 3; i++) {
                    p.submit(ByteBuffer.wrap(("chunk" + i + ";").getBytes(StandardCharsets.UTF_8)));
                }
                p.close();
            });
            return Response.streamFrom("text/plain", p);
        }
    }

    @BeforeAll
    static void start() {
        app = App.create()
                .provide(Conn.class, () -> new Conn("conn"))
                .provide(Repo.class, req -> new Repo(req.dependency(Conn.class)))
                .provideFrom(User.class, new UserFactory())
                .include(new Routes())
                .exceptionHandler(Boom.class, (req, e) -> Response.json(418, Map.of("detail", e.getMessage())))
                .middleware(new Middleware() {
                    @Override
                    public Response before(Request request) {
                        return request.path().equals("/blocked") ? Response.json(403, Map.of("detail", "blocked")) : null;
                    }

                    @Override
                    public void after(Request request, Response response) {
                        response.header("X-After", "1");
                    }
                });
        app.getAsync("/lambda-async", req -> Future.ready("loop " + req.shard().inLoop()));
        client = TestClient.of(app);
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @BeforeEach
    void clear() {
        events.clear();
    }

    static void awaitEvents(int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (events.size() < n && System.nanoTime() < end) {
            Thread.sleep(2);
        }
    }

    @Test
    void dependenciesAreCachedPerRequestAndClosedInReverseOrder() throws Exception {
        assertThat(client.get("/deps").json(String.class)).isEqualTo("same");
        awaitEvents(4);
        assertThat(events).containsExactly("open conn", "open repo", "close repo", "close conn");
    }

    @Test
    void dependenciesAreClosedWhenTheHandlerFails() throws Exception {
        TestResponse r = client.get("/deps/fail");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.text()).isEqualTo("{\"detail\":\"Internal Server Error\"}");
        assertThat(r.header("x-request-id")).isNotBlank();
        awaitEvents(4);
        assertThat(events).containsExactly("open conn", "open repo", "close repo", "close conn");
    }

    @Test
    void factoryParametersAreBoundLikeHandlers() {
        assertThat(client.get("/me", "X-User", "ann").json(User.class)).isEqualTo(new User("ann"));
        TestResponse missing = client.get("/me");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.text()).contains("\"loc\":[\"header\",\"x-user\"]");
        TestResponse denied = client.get("/me", "X-User", "nobody");
        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied.text()).isEqualTo("{\"detail\":\"Not authenticated\"}");
        assertThat(denied.header("www-authenticate")).isEqualTo("Bearer");
    }

    @Test
    void overrideReplacesAFactory() {
        App other = App.create().provide(User.class, () -> new User("real"))
                .provide(Conn.class, () -> new Conn("c")).provide(Repo.class, () -> new Repo(new Conn("r")))
                .include(new Routes());
        other.override(User.class, () -> new User("fake"));
        try (TestClient c = TestClient.of(other)) {
            assertThat(c.get("/me").json(User.class)).isEqualTo(new User("fake"));
        }
    }

    @Test
    void blockingHandlerRunsOnAVirtualThreadAffineToTheRequestShard() {
        JsonNode n = client.get("/where").json(JsonNode.class);
        assertThat(n.get("virtual").asBoolean()).isTrue();
        assertThat(n.get("affine").asBoolean()).isTrue();
    }

    @Test
    void futureHandlerRunsOnTheEventLoop() {
        assertThat(client.get("/async").json(JsonNode.class).get("onLoop").asBoolean()).isTrue();
        assertThat(client.get("/lambda-async").json(String.class)).isEqualTo("loop true");
        assertThat(client.get("/stage").json(String.class)).isEqualTo("from stage");
    }

    @Test
    void failedFutureIsMappedLikeAThrow() {
        TestResponse r = client.get("/async/fail");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.text()).isEqualTo("{\"detail\":{\"reason\":\"conflict\"}}");
    }

    @Test
    void returnTypes() {
        TestResponse bytes = client.get("/bytes");
        assertThat(bytes.bytes()).containsExactly(1, 2, 3);
        assertThat(bytes.header("content-type")).isEqualTo("application/octet-stream");
        TestResponse custom = client.get("/custom");
        assertThat(custom.status()).isEqualTo(202);
        assertThat(custom.header("x-custom")).isEqualTo("yes");
        TestResponse injected = client.get("/injected");
        assertThat(injected.status()).isEqualTo(203);
        assertThat(injected.header("x-extra")).isEqualTo("1");
    }

    @Test
    void exceptionHandlerAnswersItsType() {
        TestResponse r = client.get("/boom");
        assertThat(r.status()).isEqualTo(418);
        assertThat(r.text()).isEqualTo("{\"detail\":\"custom\"}");
    }

    @Test
    void middlewareShortCircuitsAndDecoratesEveryResponse() {
        TestResponse blocked = client.get("/blocked");
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.header("x-after")).isEqualTo("1");
        assertThat(client.get("/nothing-here").header("x-after")).isEqualTo("1");
    }

    @Test
    void writerStreamsAChunkedBody() {
        TestResponse r = client.get("/stream");
        assertThat(r.header("transfer-encoding")).isEqualTo("chunked");
        assertThat(r.text().lines()).hasSize(1000).endsWith("line 999");
    }

    @Test
    void publisherStreamsAChunkedBody() {
        assertThat(client.get("/publisher").text()).isEqualTo("chunk0;chunk1;chunk2;");
    }

    @Test
    void thousandConcurrentRequests() throws Exception {
        assertThat(client.get("/where").status()).isEqualTo(200); // loads the route's classes once
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                results.add(pool.submit(() -> client.get("/where").status()));
            }
            for (var f : results) {
                assertThat(f.get()).isEqualTo(200);
            }
        }
    }

    @Test
    void handlerIOExceptionIs500() throws IOException {
        App failing = App.create();
        failing.get("/io", req -> {
            throw new IOException("disk");
        });
        try (TestClient c = TestClient.of(failing)) {
            assertThat(c.get("/io").text()).isEqualTo("{\"detail\":\"Internal Server Error\"}");
        }
    }
}
