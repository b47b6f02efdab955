package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.core.Future;
import java.util.concurrent.CompletableFuture;
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
 * not waited for: the server listens and answers on its loops while it runs, and a handler on a virtual
 * thread waits for it to end before it runs (so that no virtual thread initialises a class the warm-up is
 * initialising, which would pin its carrier).
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
    void theServerAnswersWhileTheWarmUpRunsAndBlockingHandlersWaitForItsEnd() throws Exception {
        AtomicBoolean blockingRan = new AtomicBoolean();
        App app = App.create();
        app.get("/slow", req -> new Slow("built on first use"), RouteInfo.none().withResponseModel(Slow.class));
        app.getAsync("/loop", req -> Future.ready("answered on the loop"));
        app.get("/blocking", req -> {
            blockingRan.set(true);
            return "answered on a virtual thread";
        });
        try (TestClient client = TestClient.of(app)) {
            assertThat(building.await(10, TimeUnit.SECONDS)).as("the warm-up builds /slow's serializer").isTrue();
            assertThat(built).as("the start returned while the warm-up was still building it").isFalse();
            assertThat(client.get("/loop").text()).isEqualTo("\"answered on the loop\"");

            CompletableFuture<TestResponse> blocking = CompletableFuture.supplyAsync(() -> client.get("/blocking"));
            Thread.sleep(300);
            assertThat(blockingRan).as("the blocking handler waits for the warm-up").isFalse();
            assertThat(blocking).isNotDone();

            release.countDown();
            TestResponse answer = blocking.get(10, TimeUnit.SECONDS);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.text()).isEqualTo("\"answered on a virtual thread\"");
            assertThat(built).isTrue();
            assertThat(client.get("/slow").text()).isEqualTo("\"built on first use\"");
        } finally {
            release.countDown();
        }
    }
}
