package io.fasterapi.web;

import io.fasterapi.core.Deadline;
import io.fasterapi.core.Shard;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * One HTTP request as a handler, dependency or middleware sees it. Take it as a handler parameter
 * (or a lambda route's argument) to read what the binding rules do not cover.
 *
 * <p>Valid until the response has been written; read it on the thread that runs the handler.
 */
public interface Request {
    /** The method, upper case ({@code "GET"}). */
    String method();

    /** The decoded path, without the query string ({@code "/items/1"}). */
    String path();

    /** The raw query string without {@code '?'}, or an empty string. */
    String rawQuery();

    /** The first value of query parameter {@code name}, decoded. */
    Optional<String> query(String name);

    /** Every value of query parameter {@code name}, in request order; empty when absent. */
    List<String> queryAll(String name);

    /** The value of path parameter {@code name} from the route template, or null. */
    String pathParam(String name);

    /** The first value of header {@code name} (case-insensitive), or null. */
    String header(String name);

    /** Every value of header {@code name}, in request order. */
    List<String> headers(String name);

    /** The value of cookie {@code name}, or null. */
    String cookie(String name);

    /**
     * The body's bytes (a copy); empty when there is none, and on a route that takes its body as an
     * {@code InputStream} (read that instead: see {@link Body}).
     */
    byte[] body();

    /** The body decoded as UTF-8. */
    String bodyAsString();

    /**
     * The body as a stream. On a streaming route ({@link App#postStreaming}) it is the body still
     * arriving: reads block (park the virtual thread) until bytes come, and throw an
     * {@link java.io.IOException} if the client cuts the body or it grows past
     * {@code maxStreamedBodySize}; read it on the handler's thread, before returning. Elsewhere it
     * reads the received bytes.
     */
    java.io.InputStream bodyStream();

    /**
     * The form fields and uploaded files of an {@code application/x-www-form-urlencoded} or
     * {@code multipart/form-data} body (empty for other bodies); decoded on first call.
     */
    FormData form();

    /** The body decoded from JSON into {@code type}; malformed JSON throws a 422 like a bound body. */
    <T> T json(Class<T> type);

    /** The request id: the client's {@code X-Request-Id} when it sent a usable one, else a new one. */
    String requestId();

    /** The shard (event loop) that owns this request's connection. */
    Shard shard();

    /**
     * When the handler must have answered ({@link ServerOptions.Builder#handlerTimeout}): pass it on
     * to work that should not outlive the request (a {@code Pg} from {@link PgDepends#from} does by
     * itself). Empty when the server has no handler timeout, and on routes that stream their body.
     */
    Optional<Deadline> deadline();

    /** The client's address. */
    InetSocketAddress remoteAddress();

    /**
     * The request-scoped value of dependency {@code type} (see {@link App#provide}), created on first
     * use and cached for the rest of the request. Lets a {@link Provider} use sub-dependencies.
     */
    <T> T dependency(Class<T> type);

    /** The dependency of {@code type} registered under {@code name} ({@link App#provide(String, Class, java.util.function.Supplier)}). */
    <T> T dependency(String name, Class<T> type);

    /** A value stored with {@link #attribute(String, Object)} during this request, or null. */
    Object attribute(String name);

    /** Stores a value for the rest of this request (middleware to handler, for example). */
    void attribute(String name, Object value);
}
