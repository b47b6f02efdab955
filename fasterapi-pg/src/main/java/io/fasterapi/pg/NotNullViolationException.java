package io.fasterapi.pg;

import java.util.Map;

/** A NULL went into a NOT NULL column; {@link #column()} names it (SQLSTATE 23502). */
public class NotNullViolationException extends PgException {
    private static final long serialVersionUID = 1L;

    /** Built by the driver from the server's ErrorResponse fields. */
    public NotNullViolationException(String message, Throwable cause, Map<Character, String> fields) {
        super(message, cause, fields);
    }
}
