package io.fasterapi.web.internal.dependency;

/**
 * A request-scoped value that acts once the response has been written, knowing whether the handler
 * failed (background tasks run only when it did not). {@link RequestScope#close} calls it in the
 * place it would close an {@link AutoCloseable}.
 */
public interface AfterResponse {
    /** Called once, after the response is written; {@code handlerFailed}: the handler threw. */
    void afterResponse(boolean handlerFailed);
}
