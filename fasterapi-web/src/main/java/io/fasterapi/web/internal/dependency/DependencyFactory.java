package io.fasterapi.web.internal.dependency;

import io.fasterapi.web.Request;
import io.fasterapi.web.internal.model.ParameterModel;
import io.fasterapi.web.security.SecurityScheme;
import java.util.List;

/**
 * Creates one request's value of a dependency. Binding errors of a factory's own parameters go into
 * the request's error list (the factory then returns null and the handler is not called).
 */
@FunctionalInterface
public interface DependencyFactory {
    /** The value for this request; runs on the thread that runs the handler. */
    Object create(Request request) throws Exception;

    /**
     * The parameters this factory binds from the request (a {@code provideFrom} method's), for
     * OpenAPI; empty for a lambda, which reads the request in ways nobody can see.
     */
    default List<ParameterModel> parameters() {
        return List.of();
    }

    /**
     * Whether {@link #create} returns a {@code Future} of the value ({@code provideAsync}): the
     * request waits for it, parking a virtual thread, or off the event loop (see {@link PendingDependency}).
     */
    default boolean async() {
        return false;
    }

    /**
     * Why this factory blocks (so a handler on the event loop must not take its value), or null when
     * it is not known to: a {@code PgDepends} factory acquires a connection with {@code PgPool.get()}.
     */
    default String blocksBecause() {
        return null;
    }

    /** The security scheme this factory is (documented in OpenAPI), or null for any other factory. */
    default SecurityScheme<?> securityScheme() {
        return null;
    }
}
