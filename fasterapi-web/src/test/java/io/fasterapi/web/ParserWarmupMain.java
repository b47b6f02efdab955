package io.fasterapi.web;

import io.fasterapi.core.Future;
import io.fasterapi.testing.PinnedThreadDetector;
import io.fasterapi.web.internal.json.JsonWarmup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Run by {@link ParserWarmupTest} in a JVM of its own (the parser's warm-up happens once per process): an
 * app with no route reading a JSON body starts without initialising Jackson's parser; its blocking lambdas
 * then parse big numbers from bodies, several at once. Prints whether the parser was prepared after a
 * GET and after the POSTs, the answers, and the virtual-thread pinnings seen meanwhile.
 */
public final class ParserWarmupMain {
    private ParserWarmupMain() {
    }

    public static void main(String[] args) throws Exception {
        PinnedThreadDetector detector = new PinnedThreadDetector().start();
        App app = App.create();
        app.get("/hello", req -> "hi");
        app.getAsync("/loop", req -> Future.ready("loop"));
        app.post("/echo", req -> req.json(Map.class).keySet());
        Server server = app.start(0);
        StringBuilder out = new StringBuilder();
        try (HttpClient http = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + server.port();
            for (String path : new String[] {"/hello", "/loop"}) {
                out.append(http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).append(' ');
            }
            out.append("parsing-after-get=").append(JsonWarmup.parsingPrepared());
            String body = "{\"big\": 1e400, \"n\": " + "9".repeat(30) + ", \"x\": 1.5}";
            List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                posts.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/echo"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> post : posts) {
                HttpResponse<String> r = post.join();
                out.append(' ').append(r.statusCode()).append(' ').append(r.body());
            }
            out.append(" parsing-after-post=").append(JsonWarmup.parsingPrepared());
        } finally {
            server.stop(Duration.ofSeconds(5));
        }
        List<String> pinnings = detector.stop();
        out.append(" pinnings=").append(pinnings.size());
        System.out.println(out);
        for (String p : pinnings) {
            System.out.println(p);
        }
    }
}
