package io.fasterapi.pg.internal.tracing;

import java.util.function.Supplier;

/**
 * The pool's spans, when {@code PgPool.Builder.tracing} was given an OpenTelemetry instance; the pool
 * holds null otherwise, and every traced call site costs one null check. Declared without a single
 * OpenTelemetry type, so that the pool and its handles load and run without OpenTelemetry on the
 * class path: {@link OtelPgTracer}, the only implementation, is the only class that names its types,
 * and is loaded only when tracing is on.
 *
 * <p>Each span's parent is the caller's OpenTelemetry {@code Context.current()} when the span starts
 * (a web request's span, when the server traces and makes it current around the handler). Any thread.
 */
public interface PgTracer {
    /** The caller's context, to run a later call under with {@link #inContext}. */
    Object current();

    /**
     * The caller's context when a span is current in it, else {@code fallback} (from {@link #current()}
     * earlier: a handle's, made during a request): for calls made in continuations, where nothing is.
     */
    Object currentOr(Object fallback);

    /** Runs {@code call} with {@code context} (from {@link #current()}) current, restoring the caller's after it. */
    <T> T inContext(Object context, Supplier<T> call);

    /**
     * A CLIENT span for one statement, named {@code "{operation} {database}"}, its text (with its
     * {@code $n} placeholders, never their values) in {@code db.query.text}; {@code batch} for a
     * statement run once per row ({@code runMany}).
     */
    DbSpan statement(String sql, boolean batch);

    /** A CLIENT span for a {@code COPY} statement, ended when the transfer ends. */
    DbSpan copy(String sql);

    /** An INTERNAL span around one transaction attempt, from BEGIN to COMMIT or ROLLBACK. */
    DbSpan transaction();

    /** An INTERNAL span while a caller waits for a connection the pool could not hand over at once. */
    DbSpan poolWait();
}
