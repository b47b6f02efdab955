package io.fasterapi.web;

import io.fasterapi.core.Shard;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * One open WebSocket connection, as its {@link WebSocketHandler} sees it: the handshake request's
 * path parameters, query and headers, and the ways to send and close. The send methods may be
 * called from any thread; messages leave in call order, and the returned stage completes once the
 * frame was written to the socket (wait on it to pace a fast producer).
 */
public interface WebSocket {
    /** The decoded path of the handshake request. */
    String path();

    /** The value of path parameter {@code name} of the route template, or null. */
    String pathParam(String name);

    /**
     * Path parameter {@code name} converted to {@code type} (the simple types of handler parameters:
     * numbers, UUID, enums, java.time...); throws {@link IllegalArgumentException} with pydantic's
     * message when it does not convert.
     */
    <T> T pathParam(String name, Class<T> type);

    /** The last value of query parameter {@code name} of the handshake request. */
    Optional<String> query(String name);

    /** The first value of header {@code name} of the handshake request, or null. */
    String header(String name);

    /**
     * The subprotocol agreed in the handshake (see {@link App#websocket(String, java.util.List,
     * WebSocketHandler)}), or empty when the endpoint declares none or the client offered none of them.
     */
    Optional<String> subprotocol();

    /** Sends a text message. */
    CompletionStage<Void> sendText(String text);

    /** Sends a binary message. */
    CompletionStage<Void> sendBinary(byte[] data);

    /**
     * Sends a close frame with {@code code} (RFC 6455 §7.4) and {@code reason}; the connection closes
     * when the client answers with its own (messages arriving meanwhile are dropped), or after
     * {@link ServerOptions#webSocketCloseTimeout()} if it does not. Completes when the frame is written.
     */
    CompletionStage<Void> close(int code, String reason);

    /** Closes normally (1000). */
    default CompletionStage<Void> close() {
        return close(1000, "");
    }

    /** Whether the connection is open. */
    boolean isOpen();

    /** The shard (event loop) owning the connection. */
    Shard shard();
}
