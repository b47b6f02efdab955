package io.fasterapi.pg;

import java.util.Map;

/** A unique constraint was violated; {@link #constraint()} names it (SQLSTATE 23505). */
public class UniqueViolationException extends PgException {
    private static final long serialVersionUID = 1L;

    /** Built by the driver from the server's ErrorResponse fields. */
    public UniqueViolationException(String message, Throwable cause, Map<Character, String> fields) {
        super(message, cause, fields);
    }
}
