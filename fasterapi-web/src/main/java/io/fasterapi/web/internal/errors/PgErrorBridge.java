package io.fasterapi.web.internal.errors;

import io.fasterapi.web.Response;

/**
 * Recognises a PostgreSQL driver exception by its class name, without loading any driver class, and
 * only then hands it to {@code internal.pg.PgErrorResponses}: the web module must run when
 * {@code fasterapi-pg} (an optional dependency) is absent. This class's bytecode mentions no pg type,
 * so the verifier never needs one. Any thread.
 */
final class PgErrorBridge {
    private static final String PG_EXCEPTION = "io.fasterapi.pg.PgException";

    private PgErrorBridge() {
    }

    /** Whether {@code t} is a {@code PgException} (or a subclass). */
    static boolean isPgException(Throwable t) {
        for (Class<?> c = t.getClass(); c != null && c != RuntimeException.class; c = c.getSuperclass()) {
            if (c.getName().equals(PG_EXCEPTION)) {
                return true;
            }
        }
        return false;
    }

    /** The default response to a {@code PgException}; call only when {@link #isPgException} said so. */
    static Response respond(Throwable pgException) {
        return io.fasterapi.web.internal.pg.PgErrorResponses.toResponse(pgException);
    }
}
