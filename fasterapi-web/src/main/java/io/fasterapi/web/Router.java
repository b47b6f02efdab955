package io.fasterapi.web;

import java.util.List;
import java.util.Objects;

/**
 * An annotated route object with the prefix, tags and shared dependencies it is included under
 * (FastAPI's {@code APIRouter} options of {@code include_router}).
 *
 * {@snippet :
 * app.include(Router.of(new ItemRoutes()).prefix("/items").tags("items").dependencies(Auth.class));
 * }
 *
 * <p>Shared dependencies are resolved before every handler of the group (an {@code Auth} factory
 * that throws {@link HttpException} 401 guards them all). Immutable.
 */
public final class Router {
    private final Object routes;
    private final String prefix;
    private final List<String> tags;
    private final List<Class<?>> dependencies;

    private Router(Object routes, String prefix, List<String> tags, List<Class<?>> dependencies) {
        this.routes = routes;
        this.prefix = prefix;
        this.tags = tags;
        this.dependencies = dependencies;
    }

    /** A group of the {@code @Get}/{@code @Post}... methods of {@code routes}, with no prefix. */
    public static Router of(Object routes) {
        return new Router(Objects.requireNonNull(routes, "routes"), "", List.of(), List.of());
    }

    /** The same group under {@code prefix} (for example {@code "/api/v1"}). */
    public Router prefix(String prefix) {
        return new Router(routes, Objects.requireNonNull(prefix, "prefix"), tags, dependencies);
    }

    /** The same group with {@code tags} (OpenAPI). */
    public Router tags(String... tags) {
        return new Router(routes, prefix, List.of(tags), dependencies);
    }

    /** The same group with dependencies resolved before each of its handlers. */
    public Router dependencies(Class<?>... types) {
        return new Router(routes, prefix, tags, List.of(types));
    }

    Object routes() {
        return routes;
    }

    String prefixPath() {
        return prefix;
    }

    List<String> tagList() {
        return tags;
    }

    List<Class<?>> dependencyList() {
        return dependencies;
    }
}
