package io.fasterapi.web;

import io.fasterapi.web.internal.model.ParamSource;
import io.fasterapi.web.internal.model.ParameterModel;
import io.fasterapi.web.internal.router.RouteCompiler;
import java.util.ArrayList;
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
 * that throws {@link HttpException} 401 guards them all), and documented in each operation of the
 * group: their parameters, and the security schemes they reach. {@link #security} adds one that
 * requires OAuth2 scopes (FastAPI's {@code dependencies=[Security(dep, scopes=[...])]}). Immutable.
 */
public final class Router {
    private final Object routes;
    private final String prefix;
    private final List<String> tags;
    private final List<Shared> dependencies;

    /** A shared dependency and the OAuth2 scopes it requires (none for {@link #dependencies}). */
    record Shared(Class<?> type, List<String> scopes) {
    }

    private Router(Object routes, String prefix, List<String> tags, List<Shared> dependencies) {
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

    /** The same group with dependencies resolved before each of its handlers (replacing earlier ones). */
    public Router dependencies(Class<?>... types) {
        List<Shared> shared = new ArrayList<>();
        for (Class<?> type : types) {
            shared.add(new Shared(Objects.requireNonNull(type, "type"), List.of()));
        }
        return new Router(routes, prefix, tags, List.copyOf(shared));
    }

    /**
     * The same group with one more dependency, resolved before each of its handlers, that requires
     * OAuth2 {@code scopes} as a {@link Security @Security(scopes)} parameter would: a
     * {@code SecurityScopes} below it receives them, and the operations' OpenAPI {@code security}
     * lists them.
     *
     * {@snippet :
     * app.include(Router.of(new AdminRoutes()).prefix("/admin").security(CurrentUser.class, "admin"));
     * }
     */
    public Router security(Class<?> type, String... scopes) {
        List<Shared> shared = new ArrayList<>(dependencies);
        shared.add(new Shared(Objects.requireNonNull(type, "type"), List.of(scopes)));
        return new Router(routes, prefix, tags, List.copyOf(shared));
    }

    /** The group as the route compiler takes it: each shared dependency a {@code DEPENDENCY} parameter. */
    RouteCompiler.RouteGroup group() {
        List<ParameterModel> shared = new ArrayList<>();
        for (Shared d : dependencies) {
            shared.add(new ParameterModel(d.type().getSimpleName(), ParamSource.DEPENDENCY, d.type(), false, null,
                    List.of(), null, d.scopes()));
        }
        return new RouteCompiler.RouteGroup(routes, prefix, tags, List.copyOf(shared));
    }
}
