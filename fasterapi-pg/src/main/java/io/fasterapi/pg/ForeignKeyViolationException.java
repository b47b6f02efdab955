package io.fasterapi.pg;

import java.util.Map;

/** A foreign key constraint was violated; {@link #constraint()} names it (SQLSTATE 23503). */
public class ForeignKeyViolationException extends PgException {
    private static final long serialVersionUID = 1L;

    /** Built by the driver from the server's ErrorResponse fields. */
    public ForeignKeyViolationException(String message, Throwable cause, Map<Character, String> fields) {
        super(message, cause, fields);
    }
}
