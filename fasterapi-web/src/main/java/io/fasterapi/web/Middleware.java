package io.fasterapi.web;

/**
 * Code around every request, in registration order for {@link #before} and reverse order for
 * {@link #after}. Both run on the connection's event loop (before) or on the thread that produced
 * the response (after): they must not block.
 *
 * <p>A WebSocket handshake ({@link App#websocket}) goes through {@code before} like any request:
 * returning a response refuses the upgrade (say 401 or 403), that response is sent after every
 * {@code after} and the connection is closed. A handshake every {@code before} let through is
 * answered with 101 Switching Protocols, which is not a {@link Response}: {@code after} does not run.
 */
public interface Middleware {
    /**
     * Runs before routing. Returning a response short-circuits the request: the router and the
     * handler are skipped (for a WebSocket handshake: the upgrade is refused), and that response is
     * sent (after every middleware's {@link #after}).
     */
    default Response before(Request request) {
        return null;
    }

    /** Runs once the response is known, before it is written; may change its status and headers. */
    default void after(Request request, Response response) {
    }
}
