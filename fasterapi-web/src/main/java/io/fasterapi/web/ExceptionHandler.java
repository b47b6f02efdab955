package io.fasterapi.web;

/**
 * Turns an exception of type {@code E} (or a subtype) into a response; registered with
 * {@link App#exceptionHandler}. The most specific registered type wins. Runs on the thread that ran
 * the handler; must not throw.
 *
 * @param <E> the exception type handled
 */
@FunctionalInterface
public interface ExceptionHandler<E extends Throwable> {
    /** The response to send for {@code exception}. */
    Response handle(Request request, E exception);
}
