package io.fasterapi.web.internal.observability;

import io.fasterapi.web.Request;

/**
 * Where the access log finds a request's trace id. Today {@link #TRACEPARENT}: the id the client's
 * {@code traceparent} header carries. This is the seam for tracing: once the server opens a span per
 * request, a source that answers the current span's trace id (the same id when the client sent one, a
 * new one otherwise) replaces it where the server builds its access log, and every line names its
 * trace. Called on the connection's event loop after the response was written; must not block.
 */
@FunctionalInterface
public interface TraceIdSource {
    /** The trace id of the request's W3C {@code traceparent} header ({@link TraceParent}), or null. */
    TraceIdSource TRACEPARENT = request -> TraceParent.traceId(request.header(TraceParent.HEADER));

    /** The request's trace id (32 lowercase hex digits), or null when it has none. */
    String traceId(Request request);
}
