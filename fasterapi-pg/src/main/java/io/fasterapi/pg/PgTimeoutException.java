package io.fasterapi.pg;

/**
 * A deadline passed: the call was abandoned, a CancelRequest was sent for the statement if it had
 * reached the server, and the connection stays usable once the server answers (a pool replaces it
 * if the answer does not come within {@code connect_timeout}). One exception: a {@link CopyIn}
 * write stuck on a socket that takes nothing more closes the connection, as nothing else can end
 * that COPY.
 */
public class PgTimeoutException extends PgException {
    private static final long serialVersionUID = 1L;

    /** A deadline failure with a message saying what timed out and after how long. */
    public PgTimeoutException(String message) {
        super(message);
    }
}
