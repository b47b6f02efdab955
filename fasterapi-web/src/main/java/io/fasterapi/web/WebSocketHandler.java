package io.fasterapi.web;

/**
 * The callbacks of a WebSocket endpoint ({@link App#websocket(String, WebSocketHandler)}). For one
 * connection they run one at a time, in order, on a virtual thread of the connection's shard, so
 * they may block (query the database, await a future); a slow callback holds back the next frames
 * of its connection only (reading pauses while 64 messages wait). Every method has a default, so
 * implement only what the endpoint needs.
 *
 * {@snippet :
 * app.websocket("/rooms/{room}", new WebSocketHandler() {
 *     public void onText(WebSocket ws, String text) {
 *         ws.sendText(ws.pathParam("room") + ": " + text);
 *     }
 * });
 * }
 *
 * <p>An exception thrown by a callback goes to {@link #onError} and closes the connection with 1011
 * (internal error).
 */
public interface WebSocketHandler {
    /** The handshake succeeded; the connection is open. */
    default void onOpen(WebSocket ws) throws Exception {
    }

    /** A text message arrived (fragments joined, at most {@link ServerOptions#maxWebSocketFrameSize()}). */
    default void onText(WebSocket ws, String text) throws Exception {
    }

    /** A binary message arrived (fragments joined). */
    default void onBinary(WebSocket ws, byte[] data) throws Exception {
    }

    /**
     * The connection closed: {@code code} is the close status the client sent (RFC 6455 §7.4), 1006
     * when it went away without a close frame, or the server's own code when the server closed it.
     * Called once, last.
     */
    default void onClose(WebSocket ws, int code, String reason) throws Exception {
    }

    /** A callback failed; the connection is then closed with 1011. Logs the error by default. */
    default void onError(WebSocket ws, Throwable error) {
        org.slf4j.LoggerFactory.getLogger(WebSocketHandler.class).error("WebSocket {} failed", ws.path(), error);
    }
}
