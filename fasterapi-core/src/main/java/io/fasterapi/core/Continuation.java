package io.fasterapi.core;

/** What runs when a future completes. Implementations never throw. */
interface Continuation {
    /** Called once, with the completed future, on the thread described in {@link Future}. */
    void resume(Future<?> completed);
}
