package io.fasterapi.core;

/** A scheduled task that may still be cancelled. */
@FunctionalInterface
public interface Cancellable {
    /** Cancels the task if it has not run yet; returns whether it was cancelled. Any thread. */
    boolean cancel();
}
