package io.fasterapi.pg.internal.tracing;

import io.fasterapi.core.Future;
import java.util.function.Supplier;

/**
 * One started span of the pool's ({@link PgTracer}). {@link #end} may be called from any thread;
 * the first call ends it, later ones do nothing.
 */
public interface DbSpan {
    /**
     * Ends the span: {@code outcome} a {@code QueryResult} (its rows counted), a {@code Long} (rows
     * affected or copied) or anything else (ignored); {@code failure} null for success, else it sets
     * the span's status to ERROR with its SQLSTATE, never its message (a server's message may quote a
     * parameter's value).
     */
    void end(Object outcome, Throwable failure);

    /** Makes this span current on the calling thread until the returned scope is closed (in a finally). */
    TraceScope makeCurrent();

    /** Starts {@code call} and ends this span when its future completes (or at once, when it throws). */
    default <T> Future<T> track(Supplier<Future<T>> call) {
        Future<T> f;
        try {
            f = call.get();
        } catch (RuntimeException | Error e) {
            end(null, e);
            throw e;
        }
        return f.onComplete(this::end);
    }
}
