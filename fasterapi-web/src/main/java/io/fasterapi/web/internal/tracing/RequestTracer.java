package io.fasterapi.web.internal.tracing;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * The server's request spans, when {@code App.tracing} was given an OpenTelemetry instance; the
 * server holds null otherwise, and a request costs one null check. Declared without a single
 * OpenTelemetry type, so that the server loads and runs without OpenTelemetry on the class path:
 * {@link OtelRequestTracer}, the only implementation, is the only class that names its types, and is
 * loaded only when tracing is on. Any thread.
 */
public interface RequestTracer {
    /**
     * Starts the SERVER span of a request, named after its method until {@link RequestSpan#route}
     * names its route, continuing the trace of its W3C {@code traceparent} (through the application's
     * propagators) or starting a new one. Called on the connection's event loop as the request is dispatched.
     */
    RequestSpan start(String method, HttpHeaders headers, boolean http10);
}
