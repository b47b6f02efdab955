package io.fasterapi.web.internal.router;

import io.fasterapi.web.ApiResponse;
import io.fasterapi.web.Operation;
import io.fasterapi.web.Produces;
import io.fasterapi.web.RouteInfo;
import java.lang.reflect.Method;

/**
 * Reads the documentation annotations of a route method ({@link Operation}, {@link ApiResponse},
 * {@link Produces}, Java's {@link Deprecated}) into the {@link RouteInfo} a lambda route would pass.
 * Runs at startup.
 */
final class OperationAnnotations {
    private OperationAnnotations() {
    }

    /** {@code info} with what {@code m}'s annotations declare added. */
    static RouteInfo read(Method m, RouteInfo info) {
        Operation op = m.getAnnotation(Operation.class);
        if (op != null) {
            if (!op.summary().isEmpty()) {
                info = info.withSummary(op.summary());
            }
            if (!op.description().isEmpty()) {
                info = info.withDescription(op.description());
            }
            if (!op.operationId().isEmpty()) {
                info = info.withOperationId(op.operationId());
            }
            if (op.tags().length > 0) {
                info = info.withTags(op.tags());
            }
            if (!op.includeInSchema()) {
                info = info.withoutSchema();
            }
        }
        if (m.isAnnotationPresent(Deprecated.class)) {
            info = info.withDeprecated();
        }
        Produces produces = m.getAnnotation(Produces.class);
        if (produces != null) {
            info = info.withResponseMediaType(produces.value());
        }
        for (ApiResponse r : m.getAnnotationsByType(ApiResponse.class)) {
            info = info.withResponse(r.status(), r.model() == void.class ? null : r.model(), r.description());
        }
        return info;
    }
}
