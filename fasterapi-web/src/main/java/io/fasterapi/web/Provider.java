package io.fasterapi.web;

/**
 * A request-scoped dependency factory registered with {@link App#provide(Class, Provider)}. It is
 * called at most once per request (the value is cached for the request); a value that is
 * {@link AutoCloseable} is closed after the response is written, in reverse order of creation, also
 * when the handler failed. Runs on the thread that runs the handler.
 *
 * @param <T> the type provided
 */
@FunctionalInterface
public interface Provider<T> {
    /** Creates the value for {@code request}; may read sub-dependencies with {@link Request#dependency}. */
    T provide(Request request) throws Exception;
}
