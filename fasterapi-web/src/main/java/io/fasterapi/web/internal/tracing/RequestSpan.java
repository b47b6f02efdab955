package io.fasterapi.web.internal.tracing;

/**
 * One request's span ({@link RequestTracer#start}). {@link #route} and {@link #failed} come from the
 * thread handling the request, {@link #end} once, from the thread that hands the response over;
 * {@link #traceId()} from any thread.
 */
public interface RequestSpan {
    /** The route that answers: the span becomes {@code "{method} {template}"} with {@code http.route}. */
    void route(String template);

    /** The handler failed with {@code failure}: named in {@code error.type} if the answer is a 5xx. */
    void failed(Throwable failure);

    /** Ends the span with the response's status: ERROR from 500 on (a 4xx is the client's error, not the server's). */
    void end(int status);

    /** Makes the span current on this thread until the scope is closed (in a finally): queries started meanwhile are its children. */
    TraceScope makeCurrent();

    /** The trace id, 32 lowercase hex digits, or null when the span has none (no SDK and no parent). */
    String traceId();
}
