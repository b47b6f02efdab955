package io.fasterapi.pg;

import java.util.Map;

/**
 * The connection cannot be used: an I/O failure, the server went away or closed the session
 * (a FATAL error such as 57P01), a failed connect or login, or a pool exhausted at the deadline.
 * Pending calls on a broken connection fail with this exception.
 */
public class PgConnectionException extends PgException {
    private static final long serialVersionUID = 1L;

    /** A client-side connection failure. */
    public PgConnectionException(String message) {
        super(message);
    }

    /** A client-side connection failure with its cause (an I/O error, say). */
    public PgConnectionException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A connection failure reported by the server (FATAL). */
    public PgConnectionException(String message, Throwable cause, Map<Character, String> fields) {
        super(message, cause, fields);
    }
}
