package io.fasterapi.pg;

import java.util.Map;

/** The table or view does not exist (SQLSTATE 42P01). */
public class UndefinedTableException extends PgException {
    private static final long serialVersionUID = 1L;

    /** Built by the driver from the server's ErrorResponse fields. */
    public UndefinedTableException(String message, Throwable cause, Map<Character, String> fields) {
        super(message, cause, fields);
    }
}
