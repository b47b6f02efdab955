package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.core.Future;
import io.fasterapi.core.Shard;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The start's warm-up (Jackson's serializers for the routes' types) runs beside the server's start and is
 * not waited for: the server listens and answers on its loops while it runs, and a blocking handler runs at
 * once on one of a few platform threads of the start (a virtual thread initialising a class the warm-up is
 * initialising would pin its carrier); with those all busy, it waits for the warm-up's end on its virtual
 * thread. Once the warm-up has ended, blocking handlers run on virtual threads.
 */
class StartupWarmupTest {
    private static final CountDownLatch building = new CountDownLatch(1);
    private static final CountDownLatch release = new CountDownLatch(1);
    private static final AtomicBoolean built = new AtomicBoolean();

    /** A type whose serializer's construction, by the warm-up, blocks until the test releases it. */
    @JsonSerialize(using = Slow.Writer.class)
    record Slow(String value) {
        static final class Writer extends ValueSerializer<Slow> {
            Writer() throws InterruptedException {
                building.countDown();
                release.await(10, TimeUnit.SECONDS);
                built.set(true);
            }

            @Override
            public void serialize(Slow slow, JsonGenerator gen, SerializationContext ctxt) {
                gen.writeString(slow.value());
            }
        }
    }

    @Test
    void theServerAnswersWhileTheWarmUpRunsBlockingHandlersOnPlatformThreadsUntilItEnds() throws Exception {
        CountDownLatch holding = new CountDownLatch(4);
        CountDownLatch unhold = new CountDownLatch(1);
        App app = App.create();
        app.get("/slow", req -> new Slow("built on first use"), RouteInfo.none().withResponseModel(Slow.class));
        app.getAsync("/loop", req -> Future.ready("answered on the loop"));
        app.get("/blocking", req -> "virtual " + Thread.currentThread().isVirtual() + ", affine " + (Shard.affine() == req.shard()));
        app.get("/hold", req -> {
            holding.countDown();
            return "held " + unhold.await(10, TimeUnit.SECONDS);
        });
        ExecutorService clients = Executors.newCachedThreadPool();
        // not TestClient, which waits for the warm-up's end
        try (Server server = app.start(0)) {
            Http client = new Http(server.port());
            assertThat(building.await(10, TimeUnit.SECONDS)).as("the warm-up builds /slow's serializer").isTrue();
            assertThat(built).as("the start returned while the warm-up was still building it").isFalse();
            assertThat(client.get("/loop").text()).isEqualTo("\"answered on the loop\"");
            assertThat(client.get("/blocking").text()).as("answered during the warm-up, on a platform thread")
                    .isEqualTo("\"virtual false, affine true\"");
            assertThat(built).isFalse();

            List<java.util.concurrent.Future<TestResponse>> holds = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                holds.add(clients.submit(() -> client.get("/hold")));
            }
            assertThat(holding.await(10, TimeUnit.SECONDS)).as("four handlers hold the start's threads").isTrue();
            java.util.concurrent.Future<TestResponse> waiting = clients.submit(() -> client.get("/blocking"));
            Thread.sleep(300);
            assertThat(waiting).as("with the start's threads busy, a handler waits for the warm-up").isNotDone();

            release.countDown();
            TestResponse answer = waiting.get(10, TimeUnit.SECONDS);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.text()).isEqualTo("\"virtual true, affine true\"");
            assertThat(built).isTrue();
            unhold.countDown();
            for (var hold : holds) {
                assertThat(hold.get(10, TimeUnit.SECONDS).text()).isEqualTo("\"held true\"");
            }
            assertThat(client.get("/blocking").text()).isEqualTo("\"virtual true, affine true\"");
            assertThat(client.get("/slow").text()).isEqualTo("\"built on first use\"");
        } finally {
            release.countDown();
            unhold.countDown();
            clients.shutdownNow();
        }
    }

    /** GETs over a real socket, without waiting for anything. */
    private record Http(int port) {
        TestResponse get(String path) throws Exception {
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new TestResponse(r.statusCode(), r.headers(), r.body(), null);
        }
    }
}
