package io.fasterapi.pg;

import java.util.Map;

/** The server broke a deadlock by aborting this transaction; retry it (SQLSTATE 40P01). */
public class DeadlockDetectedException extends PgException {
    private static final long serialVersionUID = 1L;

    /** Built by the driver from the server's ErrorResponse fields. */
    public DeadlockDetectedException(String message, Throwable cause, Map<Character, String> fields) {
        super(message, cause, fields);
    }
}
