package io.fasterapi.web.internal.router;

import io.fasterapi.web.ApiResponse;
import io.fasterapi.web.ApiResponses;
import io.fasterapi.web.Operation;
import io.fasterapi.web.Produces;
import io.fasterapi.web.RouteInfo;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

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
        for (ApiResponse r : apiResponses(m)) {
            info = info.withResponse(r.status(), r.model() == void.class ? null : r.model(), r.description());
        }
        return info;
    }

    /**
     * {@code m.getAnnotationsByType(ApiResponse.class)} without it: to find a repeatable annotation's container,
     * that reads every annotation of {@code ApiResponse} itself, building a proxy class for each of
     * {@code @Target}, {@code @Documented} and {@code @Repeatable} at startup. One is directly present, several
     * are in their container; in declaration order either way.
     */
    private static List<ApiResponse> apiResponses(Method m) {
        ApiResponse one = m.getAnnotation(ApiResponse.class);
        ApiResponses many = m.getAnnotation(ApiResponses.class);
        List<ApiResponse> all = new ArrayList<>();
        if (one != null) {
            all.add(one);
        }
        if (many != null) {
            all.addAll(List.of(many.value()));
        }
        return all;
    }
}
