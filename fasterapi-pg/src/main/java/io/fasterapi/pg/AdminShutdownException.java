package io.fasterapi.pg;

import java.util.Map;

/** The server is shutting down or an administrator terminated this backend; the connection is gone (SQLSTATE 57P01). */
public class AdminShutdownException extends PgConnectionException {
    private static final long serialVersionUID = 1L;

    /** Built by the driver from the server's ErrorResponse fields. */
    public AdminShutdownException(String message, Throwable cause, Map<Character, String> fields) {
        super(message, cause, fields);
    }
}
