package io.fasterapi.pg;

import java.util.Map;

/** A serializable transaction could not be serialized; retry the whole transaction (SQLSTATE 40001). */
public class SerializationFailureException extends PgException {
    private static final long serialVersionUID = 1L;

    /** Built by the driver from the server's ErrorResponse fields. */
    public SerializationFailureException(String message, Throwable cause, Map<Character, String> fields) {
        super(message, cause, fields);
    }
}
