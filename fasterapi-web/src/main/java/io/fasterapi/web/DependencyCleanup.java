package io.fasterapi.web;

/**
 * A request-scoped dependency value whose cleanup learns how the handler ended: FastAPI's dependency
 * with {@code yield} inside {@code try/except}, so a "transaction per request" commits when the
 * handler succeeded and rolls back when it failed ({@link PgDepends#transactional} is one).
 *
 * <p>Two moments, both on the thread that ran the handler:
 * <ol>
 * <li>{@link #handlerReturned()} once the handler has returned normally, <em>before</em> its result
 *     is encoded and the response written. A throw here fails the request: it is answered through
 *     the usual error mapping ({@link App#exceptionHandler}, PostgreSQL errors as in {@link PgDepends})
 *     and {@link #close} receives it. This is where a transaction commits, so that a commit that
 *     fails (a deferred constraint, a serialization failure) answers an error instead of a 200 for
 *     data that was never stored.</li>
 * <li>{@link #close(Throwable)} after the response has been written, in reverse order of creation
 *     with the request's other closeable values, with the handler's exception (or the one thrown by
 *     a {@code handlerReturned}, or a binding error), or {@code null} when the request succeeded.</li>
 * </ol>
 *
 * <p>Against FastAPI: FastAPI runs the code after {@code yield} after the response has been sent,
 * so a commit failing there can no longer change the status the client saw. The split here keeps
 * FastAPI's "cleanup after the response" for {@code close} and adds the hook before it, which
 * FastAPI users emulate by committing inside the handler. A value that is both this and
 * {@link AutoCloseable} gets only {@link #close(Throwable)}. An app-wide instance
 * ({@link App#provideInstance}) is never closed by a request, so neither method is called on it.
 * For a handler that returns a {@code Future}, both run on the event loop and must not block.
 */
public interface DependencyCleanup {
    /** The handler returned normally; its result is not yet encoded. Default: nothing. */
    default void handlerReturned() throws Exception {
    }

    /**
     * Cleans up after the response was written. {@code failure}: why the request failed (the
     * handler's exception, a failing {@link #handlerReturned}, a binding error, an early answer by a
     * middleware or the deadline), or {@code null} when it succeeded. Thrown exceptions are logged.
     */
    void close(Throwable failure) throws Exception;
}
