package io.fasterapi.web.internal.binding;

import io.fasterapi.web.internal.dependency.RequestScope;
import io.fasterapi.web.internal.request.RequestContext;
import io.fasterapi.web.security.SecurityScopes;
import java.util.List;

/**
 * A {@code @Security(scopes)} dependency parameter: while its value is created, the request's
 * current scopes are its parent's followed by its own (FastAPI's {@code parent_oauth_scopes} +
 * {@code own_oauth_scopes}), which a {@code SecurityScopes} parameter below it receives. The union
 * for the last parent seen is kept, so a route's requests allocate none after the first. Shared by
 * every request of every route using the factory; any thread.
 */
final class ScopedDependencyExtractor implements ParamExtractor {
    private final Object type; // a dependency key
    private final List<String> own;
    private volatile Union last; // a racy one-entry cache of immutable values: a miss only recomputes

    private record Union(SecurityScopes parent, SecurityScopes merged) {
    }

    ScopedDependencyExtractor(Object type, List<String> own) {
        this.type = type;
        this.own = own;
    }

    @Override
    public Object extract(RequestContext request) throws Exception {
        RequestScope scope = request.scope();
        SecurityScopes parent = scope.securityScopes();
        Union u = last;
        if (u == null || u.parent() != parent) {
            u = new Union(parent, parent.plus(own));
            last = u;
        }
        scope.securityScopes(u.merged());
        try {
            return scope.get(type, request);
        } finally {
            scope.securityScopes(parent);
        }
    }
}
