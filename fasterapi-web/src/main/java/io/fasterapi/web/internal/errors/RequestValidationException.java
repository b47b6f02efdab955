package io.fasterapi.web.internal.errors;

import java.util.List;

/**
 * Every binding and validation error of one request; answered with 422 and
 * {@code {"detail": errors}}. No stack trace: it is a client error, built on a hot path.
 */
public final class RequestValidationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<ValidationError> errors;

    public RequestValidationException(List<ValidationError> errors) {
        super(errors.size() + " validation error(s)", null, false, false);
        this.errors = List.copyOf(errors);
    }

    /** The errors, in FastAPI's order (dependencies, path, query, header, cookie, body). */
    public List<ValidationError> errors() {
        return errors;
    }
}
