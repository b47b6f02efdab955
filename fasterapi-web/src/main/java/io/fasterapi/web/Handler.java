package io.fasterapi.web;

/**
 * A route handler written as a lambda: {@code app.get("/hello", req -> Map.of("message", "hello"))}.
 *
 * <p>Runs on a virtual thread started on the request's shard, so it may block (query the database,
 * await a future). The result is encoded as for annotated handlers: a record, POJO, {@code List} or
 * {@code Map} becomes JSON, a {@code String} text/plain, a {@code byte[]} application/octet-stream, a
 * {@link Response} is sent as it is, {@code null} is 204. Use {@link AsyncHandler} for handlers that
 * must not block and return a future instead.
 */
@FunctionalInterface
public interface Handler {
    /** Handles one request; an exception becomes an error response (see {@link App#exceptionHandler}). */
    Object handle(Request request) throws Exception;
}
