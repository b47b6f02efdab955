package io.fasterapi.web.internal.server;

import io.fasterapi.web.internal.model.RouteModel;
import io.fasterapi.web.internal.request.RequestContext;
import java.util.concurrent.CompletableFuture;

/**
 * One request/response pair of a connection, in its pipelining queue. Its state is touched on the
 * connection's loop only, except {@link #written}, which other threads may wait on.
 */
final class Exchange {
    final RequestContext request;
    final boolean keepAlive;
    final boolean head;
    final boolean http10;
    final long startNanos;
    /** Completes once the response was written (or failed to be, or the connection closed). */
    final CompletableFuture<Void> written = new CompletableFuture<>();
    EncodedResponse response;
    boolean released;
    /** The route that answered, or null (404, 405, a middleware's answer); the metrics' {@code route} tag. */
    RouteModel route;

    Exchange(RequestContext request, boolean keepAlive, boolean head, boolean http10) {
        this.request = request;
        this.http10 = http10;
        this.keepAlive = keepAlive;
        this.head = head;
        this.startNanos = System.nanoTime();
    }

    /** Releases the request's body; idempotent. Loop only. */
    void releaseRequest() {
        if (!released) {
            released = true;
            request.nettyRequest().release();
        }
    }
}
