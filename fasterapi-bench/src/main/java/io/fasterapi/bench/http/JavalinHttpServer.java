package io.fasterapi.bench.http;

import io.javalin.Javalin;
import java.util.Map;

/** TechEmpower's plaintext and json tests in Javalin 7 (Jetty 12), written the idiomatic way. */
public final class JavalinHttpServer {
    private JavalinHttpServer() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Javalin.create(config -> {
            config.routes.get("/plaintext", ctx -> ctx.header("Server", "Javalin").contentType("text/plain")
                    .result("Hello, World!"));
            config.routes.get("/json", ctx -> ctx.header("Server", "Javalin")
                    .json(Map.of("message", "Hello, World!")));
        }).start(port);
    }
}
