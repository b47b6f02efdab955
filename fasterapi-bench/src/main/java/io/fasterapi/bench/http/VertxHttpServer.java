package io.fasterapi.bench.http;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * TechEmpower's plaintext and json tests in Vert.x web 5, written the idiomatic way: one verticle
 * per core, a Router, JsonObject for the json test, Date and Server headers added per response.
 */
public final class VertxHttpServer extends AbstractVerticle {
    private static final Buffer HELLO = Buffer.buffer("Hello, World!");
    private final int port;

    private VertxHttpServer(int port) {
        this.port = port;
    }

    @Override
    public void start() {
        Router router = Router.router(vertx);
        router.get("/plaintext").handler(ctx -> ctx.response()
                .putHeader("Server", "Vert.x").putHeader("Date", HttpDate.get())
                .putHeader("Content-Type", "text/plain").end(HELLO));
        router.get("/json").handler(ctx -> ctx.response()
                .putHeader("Server", "Vert.x").putHeader("Date", HttpDate.get())
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("message", "Hello, World!").toBuffer()));
        vertx.createHttpServer().requestHandler(router).listen(port);
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int cores = Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(cores));
        vertx.deployVerticle(() -> new VertxHttpServer(port), new DeploymentOptions().setInstances(cores))
                .await();
        System.out.println("vert.x listening on " + port + " (native transport: " + vertx.isNativeTransportEnabled() + ")");
    }
}
