package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Test overrides end: {@code clearOverrides} (FastAPI's {@code app.dependency_overrides = {}}) and
 * {@code overrideScoped}, which puts back what was there before, while one server keeps running.
 */
class OverrideScopeTest {
    record Greeting(String text) {
    }

    public static final class Routes {
        @Get("/greet")
        public String greet(Greeting greeting) {
            return greeting.text();
        }

        @Get("/named")
        public String named(@Named("formal") Greeting greeting) {
            return greeting.text();
        }
    }

    static App app;
    static TestClient client;

    @BeforeAll
    static void start() {
        app = App.create().provide(Greeting.class, () -> new Greeting("hello"))
                .provide("formal", Greeting.class, () -> new Greeting("good day"))
                .include(new Routes());
        client = TestClient.of(app);
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @AfterEach
    void clear() {
        app.clearOverrides(); // the JUnit way: no test's fake survives it
    }

    private static String greet() {
        return client.get("/greet").json(String.class);
    }

    @Test
    void clearOverridesGivesBackTheRegisteredFactories() {
        app.override(Greeting.class, () -> new Greeting("fake"))
                .override("formal", Greeting.class, () -> new Greeting("fake formal"));
        assertThat(greet()).isEqualTo("fake");
        assertThat(client.get("/named").json(String.class)).isEqualTo("fake formal");
        app.clearOverrides();
        assertThat(greet()).isEqualTo("hello");
        assertThat(client.get("/named").json(String.class)).isEqualTo("good day");
    }

    @Test
    void aScopedOverrideEndsWithItsBlockAndNestedOnesUnwindInOrder() {
        try (DependencyOverride outer = app.overrideScoped(Greeting.class, () -> new Greeting("outer"))) {
            assertThat(greet()).isEqualTo("outer");
            try (DependencyOverride inner = app.overrideScoped(Greeting.class, req -> new Greeting("inner " + req.path()))) {
                assertThat(greet()).isEqualTo("inner /greet");
            }
            assertThat(greet()).as("the override it replaced").isEqualTo("outer");
        }
        assertThat(greet()).as("the registered factory").isEqualTo("hello");
    }

    @Test
    void aScopedOverrideOfAPlainOverridePutsThatOverrideBack() {
        app.override(Greeting.class, () -> new Greeting("plain override"));
        try (DependencyOverride scoped = app.overrideScoped(Greeting.class, () -> new Greeting("scoped"))) {
            assertThat(greet()).isEqualTo("scoped");
            scoped.close();
            scoped.close(); // twice: nothing more
            assertThat(greet()).isEqualTo("plain override");
        }
        assertThat(greet()).isEqualTo("plain override");
    }

    @Test
    void closingOutOfOrderIsRefusedRatherThanLeavingTheWrongFactory() {
        DependencyOverride outer = app.overrideScoped(Greeting.class, () -> new Greeting("outer"));
        DependencyOverride inner = app.overrideScoped(Greeting.class, () -> new Greeting("inner"));
        assertThatThrownBy(outer::close).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reverse order");
        assertThat(greet()).isEqualTo("inner");
        inner.close();
        assertThat(greet()).isEqualTo("outer");
        outer.close(); // now in order
        assertThat(greet()).isEqualTo("hello");
    }
}
