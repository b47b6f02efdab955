package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.core.Future;
import io.fasterapi.core.Reactor;
import io.fasterapi.core.Shard;
import io.fasterapi.core.VirtualThreads;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A blocking handler runs on a virtual thread carried by its connection's event loop (the default,
 * {@link VirtualThreads#LOOP}), may block there, and is answered as before; with
 * {@link VirtualThreads#JDK} it runs on the JDK's carriers.
 */
class BlockingHandlerCarrierTest {

    /** "VirtualThread[#id,name]/runnable@carrier" while mounted: the carrier's name. */
    private static String carrier() {
        String s = Thread.currentThread().toString();
        return s.substring(s.lastIndexOf('@') + 1);
    }

    private static App app(Reactor reactor) {
        App app = App.create().reactor(reactor);
        app.getAsync("/loop", req -> Future.ready(Map.of("thread", Thread.currentThread().getName())));
        app.get("/blocking", req -> {
            String before = carrier();
            Shard shard = Shard.affine();
            String awaited = shard.delay(Duration.ofMillis(5)).map(v -> "awaited").await();  // parks, resumed by the loop
            Thread.sleep(5);                                                                   // parks on a timer
            return Map.of("virtual", Thread.currentThread().isVirtual(), "carrier", before, "after", carrier(),
                    "carried", shard.carriesCurrentThread(), "onLoop", Shard.onEventLoop(), "awaited", awaited);
        });
        return app;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBlockingHandlerRunsOnItsConnectionsLoopThreadAndMayBlock() {
        try (Reactor reactor = Reactor.builder().threads(1).virtualThreads(VirtualThreads.LOOP).build();
                TestClient client = TestClient.of(app(reactor))) {
            String loopThread = (String) client.get("/loop").json(Map.class).get("thread");
            for (int i = 0; i < 3; i++) {
                TestResponse r = client.get("/blocking");
                assertThat(r.status()).isEqualTo(200);
                Map<String, Object> seen = r.json(Map.class);
                assertThat(seen).containsEntry("virtual", true).containsEntry("carrier", loopThread)
                        .containsEntry("after", loopThread).containsEntry("carried", true).containsEntry("onLoop", false)
                        .containsEntry("awaited", "awaited");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void withTheJdkSchedulerItRunsOnTheJdksCarriers() {
        try (Reactor reactor = Reactor.builder().threads(1).virtualThreads(VirtualThreads.JDK).build();
                TestClient client = TestClient.of(app(reactor))) {
            Map<String, Object> seen = client.get("/blocking").json(Map.class);
            assertThat(seen).containsEntry("virtual", true).containsEntry("carried", false).containsEntry("awaited", "awaited");
            assertThat((String) seen.get("carrier")).contains("ForkJoinPool");
        }
    }
}
