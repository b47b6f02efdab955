package io.fasterapi.web.internal.dependency;

import io.fasterapi.core.Future;
import io.fasterapi.web.security.SecurityScopes;

/**
 * Thrown on the event loop when a handler's binding needs an asynchronous dependency whose future
 * is not complete: the dispatcher waits for it without blocking, {@linkplain RequestScope#resolved
 * stores} the value in the request's scope, and binds again (values already created are cached, so
 * only the binding reruns). Carries no stack: it is control flow, not an error.
 */
public final class PendingDependency extends RuntimeException {
    private final transient Object key;
    private final transient Future<?> future;
    private final transient SecurityScopes scopes;

    PendingDependency(Object key, Future<?> future, SecurityScopes scopes) {
        super("waiting for an asynchronous dependency", null, false, false);
        this.key = key;
        this.future = future;
        this.scopes = scopes;
    }

    /** The dependency's key (a type or a named one). */
    public Object key() {
        return key;
    }

    /** The value's future. */
    public Future<?> future() {
        return future;
    }

    /** The OAuth2 scopes in force when it was asked for (its cache key when it uses scopes). */
    public SecurityScopes scopes() {
        return scopes;
    }
}
