package io.fasterapi.web.internal.dependency;

import io.fasterapi.web.internal.request.RequestContext;

/**
 * Creates one request's value of a dependency. Binding errors of a factory's own parameters go into
 * the request's error list (the factory then returns null and the handler is not called).
 */
@FunctionalInterface
public interface DependencyFactory {
    /** The value for this request; runs on the thread that runs the handler. */
    Object create(RequestContext request) throws Exception;
}
