package io.fasterapi.core;

/** Thrown by {@link Future#await(java.time.Duration)} when the timeout passes before the future completes. */
public class AwaitTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message saying how long was waited. */
    public AwaitTimeoutException(String message) {
        super(message);
    }
}
