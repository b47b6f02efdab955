package io.fasterapi.pg;

import java.util.Map;

/** The statement was cancelled: SQLSTATE 57014 from the server, or a cancel by the user. */
public class PgCanceledException extends PgException {
    private static final long serialVersionUID = 1L;

    /** A cancel detected by the driver. */
    public PgCanceledException(String message) {
        super(message);
    }

    /** A cancel reported by the server (57014). */
    public PgCanceledException(String message, Throwable cause, Map<Character, String> fields) {
        super(message, cause, fields);
    }
}
