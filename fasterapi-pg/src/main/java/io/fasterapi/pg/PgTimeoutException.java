package io.fasterapi.pg;

/**
 * A deadline passed: the call was abandoned, a CancelRequest was sent for the statement if it had
 * reached the server, and the connection stays usable.
 */
public class PgTimeoutException extends PgException {
    private static final long serialVersionUID = 1L;

    /** A deadline failure with a message saying what timed out and after how long. */
    public PgTimeoutException(String message) {
        super(message);
    }
}
