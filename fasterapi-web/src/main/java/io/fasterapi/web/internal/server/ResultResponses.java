package io.fasterapi.web.internal.server;

import io.fasterapi.web.EventStream;
import io.fasterapi.web.Response;
import io.fasterapi.web.internal.json.ModelBodies;
import io.fasterapi.web.internal.router.Endpoint;
import io.fasterapi.web.internal.sse.SsePublisher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Turns a handler's return value into a {@link Response}: a {@code Response} as it is, a
 * {@code String} as a JSON string (FastAPI answers a {@code str} with its {@code JSONResponse}) unless
 * the route declares a media type that is not JSON ({@code @Produces("text/plain")}, FastAPI's
 * {@code response_class=PlainTextResponse}), which then carries its text; {@code byte[]} as
 * application/octet-stream (or the declared media type), a {@code Flow.Publisher} streamed, an
 * {@code EventStream} as Server-Sent Events (its events' data written with the app's JSON names),
 * {@code void} as 204 (or its {@code @Status}), anything else as JSON with the route's status, written
 * through the route's response model when it has one (FastAPI's {@code response_model}). The
 * status and headers of a {@code Response} the handler took as a parameter are applied on top.
 */
final class ResultResponses {
    private ResultResponses() {
    }

    @SuppressWarnings("unchecked")
    static Response toResponse(Object result, Endpoint endpoint, Response injected) {
        int status = endpoint == null ? 200 : endpoint.status();
        // instanceof, not a pattern switch: a type switch's first run generates a class (on the first request)
        Response r;
        if (result instanceof Response given) {
            r = given;
        } else if (result == null) {
            r = endpoint != null && endpoint.returnsVoid() ? Response.status(status)
                    : endpoint == null ? Response.status(204) : Response.json(status, null);
        } else if (result instanceof String s) {
            r = endpoint != null && endpoint.rawContentType() != null
                    ? Response.bytes(status, endpoint.rawContentType(), s.getBytes(StandardCharsets.UTF_8))
                    : Response.json(status, s);
        } else if (result instanceof byte[] b) {
            r = Response.bytes(status, endpoint != null && endpoint.rawContentType() != null
                    ? endpoint.rawContentType() : "application/octet-stream", b);
        } else if (result instanceof EventStream events) {
            r = events.toResponse().withStatus(status);
        } else if (result instanceof Flow.Publisher<?> p) {
            r = Response.streamFrom("application/octet-stream", (Flow.Publisher<ByteBuffer>) p).withStatus(status);
        } else {
            r = endpoint != null && endpoint.responseModel() != null
                    ? ModelBodies.json(status, endpoint.responseModel().adapt(result),
                            endpoint.responseModel().writer())
                    : Response.json(status, result);
        }
        if (endpoint != null && r.body() instanceof SsePublisher events) {
            events.json(endpoint.json().mapper()); // event data named as the app names its JSON
        }
        if (injected != null) {
            if (injected.status() != 200) {
                r.withStatus(injected.status());
            }
            List<String> h = injected.headerList();
            for (int i = 0; i < h.size(); i += 2) {
                r.header(h.get(i), h.get(i + 1));
            }
        }
        return r;
    }
}
