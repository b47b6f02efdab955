package io.fasterapi.web.internal.model;

import io.fasterapi.web.RouteInfo;
import java.lang.reflect.Type;
import java.util.List;

/**
 * One route as registered, read-only: what OpenAPI generation and diagnostics need.
 *
 * @param method the HTTP method, upper case
 * @param template the full path template ({@code "/items/{itemId}"})
 * @param parameters the route group's shared dependencies (as {@code DEPENDENCY} parameters), then the
 *     handler's parameters in declaration order (dependencies' own parameters
 *     are not flattened in)
 * @param returnType the handler's declared return type ({@code Object} for lambda routes)
 * @param status the success status
 * @param tags the tags of the group the route was included with
 * @param handlerName a readable name of the handler ({@code ItemRoutes.getItem})
 * @param async whether the handler runs on the event loop (returns a future)
 * @param info what the route declares about itself (summary, response model, further responses...)
 * @param sharedDependencies the dependencies resolved before the handler besides its own parameters: the
 *     app's, then its router's (FastAPI's {@code dependencies=}); their parameters are the operation's too
 */
public record RouteModel(String method, String template, List<ParameterModel> parameters, Type returnType,
                         int status, List<String> tags, String handlerName, boolean async, RouteInfo info,
                         List<Class<?>> sharedDependencies) {
    public RouteModel {
        sharedDependencies = List.copyOf(sharedDependencies);
    }

    /** A route without shared dependencies. */
    public RouteModel(String method, String template, List<ParameterModel> parameters, Type returnType, int status,
                      List<String> tags, String handlerName, boolean async, RouteInfo info) {
        this(method, template, parameters, returnType, status, tags, handlerName, async, info, List.of());
    }
}
