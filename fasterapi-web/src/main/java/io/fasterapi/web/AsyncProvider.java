package io.fasterapi.web;

import io.fasterapi.core.Future;

/**
 * An asynchronous dependency factory ({@link App#provideAsync}): returns a {@link Future} of the
 * request's value, such as the current user read with {@code pool.execAsync}, FastAPI's
 * {@code async def get_current_user(...)}. A handler returning a {@code Future} gets the value
 * without blocking the event loop (the framework waits for the future, then calls it); a handler on a
 * virtual thread gets it too, waiting on its own thread.
 *
 * <p>Called on the thread that asks first, the event loop for a handler that returns a
 * {@code Future}: it must not block (use the {@code ...Async} methods of the driver). While the
 * value is pending, a loop handler's binding stops and runs again once it is there (values created
 * so far are kept), so a lambda route or a {@code Provider} asking for it may run twice up to that
 * point. A middleware's {@code before} runs on the loop too and cannot wait: it gets the value only
 * when the future is already complete, else the request fails (500).
 */
@FunctionalInterface
public interface AsyncProvider<T> {
    /** Starts creating the value for {@code request}; may read sub-dependencies with {@link Request#dependency}. */
    Future<? extends T> provide(Request request) throws Exception;
}
