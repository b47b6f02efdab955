package io.fasterapi.pg;

import java.util.Map;

/** Password authentication failed; the message never contains the password (SQLSTATE 28P01). */
public class InvalidPasswordException extends PgConnectionException {
    private static final long serialVersionUID = 1L;

    /** Built by the driver from the server's ErrorResponse fields. */
    public InvalidPasswordException(String message, Throwable cause, Map<Character, String> fields) {
        super(message, cause, fields);
    }
}
