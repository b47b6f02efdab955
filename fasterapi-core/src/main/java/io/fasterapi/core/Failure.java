package io.fasterapi.core;

/** The raw outcome of a failed future: wraps the cause so a value can never be mistaken for it. */
final class Failure {
    final Throwable cause;

    Failure(Throwable cause) {
        this.cause = cause;
    }
}
