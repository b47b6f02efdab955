package io.fasterapi.bench.http;

import io.fasterapi.core.Future;
import io.fasterapi.web.App;
import io.fasterapi.web.RouteInfo;

/**
 * TechEmpower's plaintext and json tests written idiomatically with FasterAPI: asynchronous
 * handlers (they return a {@link Future}) so they run on the connection's event loop.
 * The server adds the Date and Server headers itself.
 */
public final class FasterApiHttpServer {
    private FasterApiHttpServer() {
    }

    /** The json test's payload: a new object per request, serialised per request. */
    public record Message(String message) {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        App app = App.create();
        // A String is a JSON string unless the route declares a text media type (FastAPI's PlainTextResponse).
        app.getAsync("/plaintext", req -> Future.ready("Hello, World!"),
                RouteInfo.none().withResponseMediaType("text/plain"));
        app.getAsync("/json", req -> Future.ready(new Message("Hello, World!")));
        app.run(port);
    }
}
