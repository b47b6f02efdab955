package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.pg.PgPool;
import io.fasterapi.testing.TestPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LifespanTest {
    /** A resource that records when it opens and closes. */
    record Tracked(String name, List<String> events) implements AutoCloseable {
        Tracked {
            events.add("open " + name);
        }

        @Override
        public void close() {
            events.add("close " + name);
        }
    }

    record Directory(Tracked store) {}

    public static final class Routes {
        @Get("/directory")
        public Map<String, String> directory(Directory directory, PgPool pool) {
            int one = pool.execAsync("SELECT 1").await().scalar(Integer.class);
            return Map.of("store", directory.store().name(), "db", String.valueOf(one));
        }
    }

    @Test
    void opensInOrderServesAsDependenciesAndClosesInReverseAfterTheShutdownHooks() {
        List<String> events = new CopyOnWriteArrayList<>();
        PgPool[] pool = new PgPool[1];
        App app = App.create()
                .lifespan(PgPool.class, opened -> pool[0] = PgPool.create(TestPostgres.dsn()))
                .lifespan(Tracked.class, opened -> new Tracked("store", events))
                .lifespan(Directory.class, opened -> {
                    events.add("open directory");
                    return new Directory(opened.get(Tracked.class));
                })
                .onStartup(() -> events.add("startup hook"))
                .onShutdown(() -> events.add("shutdown hook"))
                .include(new Routes());

        try (TestClient client = TestClient.of(app)) {
            assertThat(events).containsExactly("open store", "open directory", "startup hook");
            TestResponse first = client.get("/directory");
            TestResponse second = client.get("/directory");

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.json(Map.class)).isEqualTo(Map.of("store", "store", "db", "1"));
            assertThat(second.status()).isEqualTo(200);
            assertThat(events).as("no request closes a lifespan resource").doesNotContain("close store");
        }

        assertThat(events).containsExactly("open store", "open directory", "startup hook", "shutdown hook",
                "close store");
        assertThatThrownBy(() -> pool[0].execAsync("SELECT 1").await(Duration.ofSeconds(5)))
                .as("the pool the app opened is closed when it stops");
    }

    @Test
    void aResourceThatFailsToOpenClosesTheOnesBeforeItAndFailsTheStart() {
        List<String> events = new CopyOnWriteArrayList<>();
        App app = App.create()
                .lifespan(Tracked.class, opened -> new Tracked("store", events))
                .lifespan(Directory.class, opened -> {
                    throw new IllegalStateException("directory service unreachable");
                })
                .onStartup(() -> events.add("startup hook"));

        assertThatThrownBy(() -> app.start(0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("opening the lifespan resource Directory failed: directory service unreachable");
        assertThat(events).containsExactly("open store", "close store");
    }

    @Test
    void aResourceNeedingOneRegisteredAfterItFailsTheStartWithTheFix() {
        App app = App.create()
                .lifespan(Directory.class, opened -> new Directory(opened.get(Tracked.class)))
                .lifespan(Tracked.class, opened -> new Tracked("store", new CopyOnWriteArrayList<>()));

        assertThatThrownBy(() -> app.start(0))
                .hasMessageContaining("Directory")
                .hasMessageContaining("register it with app.lifespan before the one that needs it");
    }

    @Test
    void oneTypeIsRegisteredOnce() {
        App app = App.create().lifespan(Tracked.class, opened -> new Tracked("a", new CopyOnWriteArrayList<>()));

        assertThatThrownBy(() -> app.lifespan(Tracked.class, opened -> new Tracked("b", new CopyOnWriteArrayList<>())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already registered");
    }
}
