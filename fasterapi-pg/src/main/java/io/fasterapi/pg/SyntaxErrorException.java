package io.fasterapi.pg;

import java.util.Map;

/** The SQL has a syntax error; {@link #position()} points at it (SQLSTATE 42601). */
public class SyntaxErrorException extends PgException {
    private static final long serialVersionUID = 1L;

    /** Built by the driver from the server's ErrorResponse fields. */
    public SyntaxErrorException(String message, Throwable cause, Map<Character, String> fields) {
        super(message, cause, fields);
    }
}
