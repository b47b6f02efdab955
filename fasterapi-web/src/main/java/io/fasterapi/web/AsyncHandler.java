package io.fasterapi.web;

import java.util.concurrent.CompletionStage;

/**
 * A non-blocking route handler ({@link App#getAsync} and friends): it runs on the connection's
 * event loop and returns an {@link io.fasterapi.core.Future} or a {@link CompletionStage} (any other
 * value is taken as already complete). It must never block: blocking FasterAPI calls made here
 * throw {@link IllegalStateException}.
 */
@FunctionalInterface
public interface AsyncHandler {
    /** Starts handling one request; the returned stage's value is encoded as {@link Handler}'s result. */
    Object handle(Request request) throws Exception;
}
