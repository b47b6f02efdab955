package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Who closes a dependency (App's Javadoc): a value a factory created for a request is closed once,
 * after that request's response; an app-wide instance is closed by no request and not by the stop.
 */
class DependencyClosingTest {
    /** Counts its closes. */
    static class Resource implements AutoCloseable {
        final int id;
        final AtomicInteger closes = new AtomicInteger();

        Resource(int id) {
            this.id = id;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    /** A per-request resource. */
    static final class PerRequest extends Resource {
        PerRequest(int id) {
            super(id);
        }
    }

    /** The same shared instance, handed out under a second type by a {@code provide} factory. */
    interface SharedView {
        Resource resource();
    }

    public static final class Routes {
        @Get("/both")
        public String both(PerRequest perRequest, Resource shared, SharedView view) {
            return perRequest.id + " " + shared.id + " " + view.resource().id;
        }
    }

    @Test
    void aRequestScopedValueIsClosedOncePerRequestAndAnAppWideInstanceNever() throws Exception {
        AtomicInteger ids = new AtomicInteger(100);
        List<PerRequest> created = new CopyOnWriteArrayList<>();
        Resource shared = new Resource(1);
        App app = App.create()
                .provide(PerRequest.class, () -> {
                    PerRequest r = new PerRequest(ids.incrementAndGet());
                    created.add(r);
                    return r;
                })
                .provideInstance(Resource.class, shared)
                .provide(SharedView.class, req -> {
                    Resource r = req.dependency(Resource.class);
                    return () -> r;
                })
                .include(new Routes());
        try (TestClient client = TestClient.of(app)) {
            for (int i = 1; i <= 3; i++) {
                TestResponse r = client.get("/both");
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.json(String.class)).isEqualTo((100 + i) + " 1 1");
            }
            awaitCloses(created, 3);
            assertThat(created).hasSize(3);
            assertThat(created).allSatisfy(r -> assertThat(r.closes.get()).as("closes of %d", r.id).isEqualTo(1));
            assertThat(shared.closes.get()).as("an app-wide instance is not closed by requests").isZero();
        } // stops the server
        assertThat(shared.closes.get()).as("nor by the stop: the app did not create it").isZero();
        assertThat(created).allSatisfy(r -> assertThat(r.closes.get()).isEqualTo(1));
    }

    @Test
    void anAppWideInstanceHandedOutByAProvideFactoryIsNotClosedEither() {
        Resource shared = new Resource(7);
        App app = App.create()
                .provideInstance(Resource.class, shared)
                .provide(AutoCloseable.class, () -> shared);
        app.get("/alias", req -> "same " + (req.dependency(AutoCloseable.class) == shared));
        try (TestClient client = TestClient.of(app)) {
            assertThat(client.get("/alias").json(String.class)).isEqualTo("same true");
            assertThat(client.get("/alias").json(String.class)).isEqualTo("same true");
        }
        assertThat(shared.closes.get()).isZero();
    }

    @Test
    void withoutProvideInstanceTheSameValueFromAFactoryIsClosedAfterEveryRequest() throws Exception {
        Resource leaked = new Resource(9);
        App app = App.create().provide(Resource.class, () -> leaked); // what the App Javadoc warns against
        app.get("/r", req -> Integer.toString(req.dependency(Resource.class).id));
        try (TestClient client = TestClient.of(app)) {
            client.get("/r");
            client.get("/r");
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (leaked.closes.get() < 2 && System.nanoTime() < end) {
                Thread.sleep(5);
            }
        }
        assertThat(leaked.closes.get()).isEqualTo(2);
    }

    /** A shared resource marked as such, as PgPool is. */
    static final class SharedClient extends Resource implements io.fasterapi.core.LongLived {
        SharedClient(int id) {
            super(id);
        }
    }

    @Test
    void aLongLivedValueFromAProvideFactoryIsNeverClosedByARequest() throws Exception {
        // API.md's own example: .provide(PgPool.class, () -> pool) must not close the pool.
        SharedClient client0 = new SharedClient(11);
        Resource plain = new Resource(12);
        App app = App.create().provide(SharedClient.class, () -> client0).provide(Resource.class, () -> plain);
        app.get("/c", req -> req.dependency(SharedClient.class).id + " " + req.dependency(Resource.class).id);
        try (TestClient client = TestClient.of(app)) {
            assertThat(client.get("/c").json(String.class)).isEqualTo("11 12");
            assertThat(client.get("/c").json(String.class)).isEqualTo("11 12");
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (plain.closes.get() < 2 && System.nanoTime() < end) {
                Thread.sleep(5);
            }
        }
        assertThat(plain.closes.get()).as("the plain AutoCloseable, closed per request").isEqualTo(2);
        assertThat(client0.closes.get()).as("the LongLived one").isZero();
    }

    private static void awaitCloses(List<PerRequest> created, int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < end
                && created.stream().filter(r -> r.closes.get() > 0).count() < n) {
            Thread.sleep(5);
        }
    }
}
