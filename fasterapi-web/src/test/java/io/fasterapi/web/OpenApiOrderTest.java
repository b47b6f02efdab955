package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Paths and operations are listed as the source declares them (FastAPI lists routes in registration
 * order): route methods in the order written, not by name, a superclass's first, and lambda routes
 * where they were registered among the included routers.
 */
class OpenApiOrderTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    public static class BaseRoutes {
        @Get("/base/zulu")
        public String zulu() {
            return "";
        }

        @Get("/base/alpha")
        public String alpha() {
            return "";
        }
    }

    public static class ShopRoutes extends BaseRoutes {
        @Post("/items")
        public String createItem() {
            return "";
        }

        public String notARoute() {
            return "";
        }

        @Get("/items/{itemId}")
        public String readItem(int itemId) {
            return "";
        }

        @Get("/items")
        public String listItems() {
            return "";
        }

        @Delete("/items/{itemId}")
        public void deleteItem(int itemId) {
        }

        @Get("/about")
        public String about() {
            return "";
        }
    }

    public static class LaterRoutes {
        @Get("/z-last")
        public String last() {
            return "";
        }
    }

    private static JsonNode document(App app) {
        try (TestClient client = TestClient.of(app)) {
            return JSON.readTree(client.get("/openapi.json").text());
        }
    }

    private static List<String> operations(JsonNode doc) {
        List<String> out = new ArrayList<>();
        for (String path : doc.path("paths").propertyNames()) {
            for (String method : doc.path("paths").path(path).propertyNames()) {
                out.add(method + " " + path);
            }
        }
        return out;
    }

    @Test
    void operationsFollowDeclarationOrderNotMethodNames() {
        App app = App.create();
        app.get("/hello", req -> "hi");
        app.include(new ShopRoutes());
        app.post("/a-lambda", req -> "x");
        app.include(new LaterRoutes());
        assertThat(operations(document(app))).containsExactly(
                "get /hello",
                "get /base/zulu", "get /base/alpha",
                "post /items", "get /items",
                "get /items/{itemId}", "delete /items/{itemId}",
                "get /about",
                "post /a-lambda",
                "get /z-last");
    }

    @Test
    void routesAreServedWhateverTheirOrder() {
        App app = App.create().include(new ShopRoutes());
        try (TestClient client = TestClient.of(app)) {
            assertThat(client.get("/items/3").status()).isEqualTo(200);
            assertThat(client.get("/base/alpha").status()).isEqualTo(200);
        }
    }
}
