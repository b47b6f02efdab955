package io.fasterapi.web.internal.dependency;

import io.fasterapi.web.internal.model.ParameterModel;
import io.fasterapi.web.internal.request.RequestContext;
import io.fasterapi.web.security.SecurityScheme;
import java.util.List;

/**
 * Creates one request's value of a dependency. Binding errors of a factory's own parameters go into
 * the request's error list (the factory then returns null and the handler is not called).
 */
@FunctionalInterface
public interface DependencyFactory {
    /** The value for this request; runs on the thread that runs the handler. */
    Object create(RequestContext request) throws Exception;

    /**
     * The parameters this factory binds from the request (a {@code provideFrom} method's), for
     * OpenAPI; empty for a lambda, which reads the request in ways nobody can see.
     */
    default List<ParameterModel> parameters() {
        return List.of();
    }

    /** The security scheme this factory is (documented in OpenAPI), or null for any other factory. */
    default SecurityScheme<?> securityScheme() {
        return null;
    }
}
