package io.fasterapi.web;

import io.fasterapi.core.Future;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Run by {@link PlainAnswersTest} in a JVM of its own (a class once loaded stays loaded): an app written as
 * users write one (annotated handlers with path and query parameters, records and lists of records as
 * answers, a response model on a lambda, an {@link HttpException}, a 404 and a 422) answers without
 * loading Jackson databind. Prints each answer and whether databind's mapper was loaded, then asks for
 * {@code /openapi.json} (written by databind) and prints that again.
 */
public final class PlainAnswersMain {
    private PlainAnswersMain() {
    }

    public record Item(int id, String name, double price, List<String> tags) {
    }

    public record Message(String message) {
    }

    public static final class Items {
        @Get("/items/{id}")
        public Item item(@Path("id") int id, @Query("q") @DefaultValue("none") String q) {
            return new Item(id, q, id / 4.0, List.of("a", q));
        }

        @Get("/items")
        public List<Item> items() {
            return List.of(new Item(1, "one", Double.NaN, List.of()), new Item(2, "two", 2.5, List.of("b")));
        }
    }

    public static void main(String[] args) throws Exception {
        App app = App.create();
        app.include(new Items());
        app.getAsync("/json", req -> Future.ready(new Message("Hello, World!")),
                RouteInfo.none().withResponseModel(Message.class));
        app.get("/raise", req -> {
            throw new HttpException(404, "Item not found");
        });
        Server server = app.start(0);
        StringBuilder out = new StringBuilder();
        try (HttpClient http = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + server.port();
            for (String path : new String[] {"/items/3?q=x", "/items", "/json", "/raise", "/missing", "/items/abc"}) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                out.append(r.statusCode()).append(' ').append(r.body()).append('\n');
            }
            out.append("databind-loaded=").append(loaded("tools.jackson.databind.ObjectMapper")).append('\n');
            HttpResponse<String> openapi = http.send(HttpRequest.newBuilder(URI.create(base + "/openapi.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            out.append("openapi ").append(openapi.statusCode()).append('\n');
            out.append("databind-loaded=").append(loaded("tools.jackson.databind.ObjectMapper")).append('\n');
        } finally {
            server.stop(Duration.ofSeconds(5));
        }
        System.out.print(out);
    }

    // Asked without loading it (Class.forName would); the JVM runs with java.lang opened to this module.
    private static boolean loaded(String name) throws Exception {
        Method find = ClassLoader.class.getDeclaredMethod("findLoadedClass", String.class);
        find.setAccessible(true);
        return find.invoke(PlainAnswersMain.class.getClassLoader(), name) != null;
    }
}
