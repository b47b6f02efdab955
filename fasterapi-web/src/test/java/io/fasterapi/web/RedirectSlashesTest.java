package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * FastAPI's {@code redirect_slashes} (Starlette's {@code Router.app}): no route for the path, but one
 * for the path with its trailing slashes stripped, or with one added, answers 307 with the absolute
 * URL of that form in {@code location} (query string kept) and no body, whatever the method; the
 * switch off, it is a 404.
 */
class RedirectSlashesTest {
    static TestClient client;
    static TestClient off;

    public static class Routes {
        @Get("/items")
        public String items() {
            return "items";
        }

        @Get("/items/{id}")
        public String item(int id) {
            return "item " + id;
        }

        @Get("/users/")
        public String users() {
            return "users";
        }
    }

    @BeforeAll
    static void start() {
        client = TestClient.of(App.create().include(new Routes()));
        off = TestClient.of(App.create().redirectSlashes(false).include(new Routes()));
    }

    @AfterAll
    static void stop() {
        client.close();
        off.close();
    }

    static void assertRedirect(TestResponse r, String location) {
        assertThat(r.status()).as(r.text()).isEqualTo(307);
        assertThat(r.header("location")).isEqualTo(location);
        assertThat(r.text()).isEmpty();
    }

    @Test
    void aTrailingSlashIsRemovedWhenOnlyTheBarePathHasARoute() {
        assertRedirect(client.get("/items/"), client.baseUri() + "/items");
        assertRedirect(client.get("/items//"), client.baseUri() + "/items");
        assertRedirect(client.get("/items/5/"), client.baseUri() + "/items/5");
        assertThat(client.get("/items").json(String.class)).isEqualTo("items");
    }

    @Test
    void aTrailingSlashIsAddedWhenOnlyThatFormHasARoute() {
        assertRedirect(client.get("/users"), client.baseUri() + "/users/");
        assertThat(client.get("/users/").json(String.class)).isEqualTo("users");
    }

    @Test
    void theQueryStringIsKept() {
        assertRedirect(client.get("/items/?q=1&r=a%20b"), client.baseUri() + "/items?q=1&r=a%20b");
    }

    @Test
    void anyMethodIsRedirectedWhenThePathMatchesOtherwise() {
        // Starlette redirects on a partial match too (the other form exists for another method)
        assertRedirect(client.post("/items/", Map.of("a", 1)), client.baseUri() + "/items");
    }

    @Test
    void noRouteEitherWayIsNotFound() {
        TestResponse r = client.get("/nothing/");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text()).isEqualTo("{\"detail\":\"Not Found\"}");
    }

    @Test
    void theSwitchOffAnswers404() {
        assertThat(off.get("/items/").status()).isEqualTo(404);
        assertThat(off.get("/users").status()).isEqualTo(404);
        assertThat(off.get("/items").json(String.class)).isEqualTo("items");
    }
}
