package io.fasterapi.pg;

import java.util.Map;

/** A CHECK constraint was violated; {@link #constraint()} names it (SQLSTATE 23514). */
public class CheckViolationException extends PgException {
    private static final long serialVersionUID = 1L;

    /** Built by the driver from the server's ErrorResponse fields. */
    public CheckViolationException(String message, Throwable cause, Map<Character, String> fields) {
        super(message, cause, fields);
    }
}
