package io.fasterapi.web.internal.errors;

/**
 * Carries a checked exception through an API that cannot declare it; error handling unwraps it, so
 * exception handlers see the original.
 */
public final class CheckedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CheckedFailure(Exception cause) {
        super(cause.toString(), cause, false, false);
    }

    /** {@code t}, or its cause when {@code t} is a {@code CheckedFailure}. */
    public static Throwable unwrap(Throwable t) {
        return t instanceof CheckedFailure f ? f.getCause() : t;
    }
}
