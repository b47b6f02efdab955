package io.fasterapi.web.internal.router;

import io.fasterapi.core.Future;
import io.fasterapi.web.Delete;
import io.fasterapi.web.Get;
import io.fasterapi.web.Options;
import io.fasterapi.web.Patch;
import io.fasterapi.web.Post;
import io.fasterapi.web.Put;
import io.fasterapi.web.RouteInfo;
import io.fasterapi.web.Status;
import io.fasterapi.web.internal.binding.BindingCompiler;
import io.fasterapi.web.internal.binding.BoundParameters;
import io.fasterapi.web.internal.binding.Invoker;
import io.fasterapi.web.internal.json.ResponseModels;
import io.fasterapi.web.internal.binding.ParamExtractor;
import io.fasterapi.web.internal.model.ParameterModel;
import io.fasterapi.web.internal.model.RouteModel;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Compiles route registrations (lambda routes and annotated route classes) into a {@link RouteTable}
 * when the server starts, so {@code provide} order does not matter. Routes keep the order they were
 * registered in, and a class's route methods the order they are written in (see
 * {@link DeclarationOrder}): the OpenAPI document lists them so.
 */
public final class RouteCompiler {
    /** A lambda route or a route group, in the order the app registered them. */
    public sealed interface Registration permits LambdaRoute, RouteGroup {
    }

    /** A lambda route as registered; {@code streamsBody}: its handler reads the body while it arrives. */
    public record LambdaRoute(String method, String path, Endpoint.LambdaCall call, boolean async,
                              boolean streamsBody, RouteInfo info) implements Registration {
    }

    /**
     * An annotated route object included under {@code prefix} with tags and shared dependencies
     * (each a {@code DEPENDENCY} parameter model, with the scopes it requires).
     */
    public record RouteGroup(Object routes, String prefix, List<String> tags, List<ParameterModel> dependencies)
            implements Registration {
    }

    private RouteCompiler() {
    }

    /**
     * The table of every route, in registration order; {@code appDependencies} are resolved before
     * every handler (FastAPI's {@code FastAPI(dependencies=...)}). Throws
     * {@link IllegalArgumentException} for the first bad route.
     */
    public static RouteTable compile(List<Registration> registrations, List<Class<?>> appDependencies,
                                     BindingCompiler binder) {
        RouteTable table = new RouteTable();
        for (Registration registration : registrations) {
            // instanceof, not a pattern switch, which generates a class at startup
            if (registration instanceof LambdaRoute r) {
                addLambda(table, r, appDependencies, binder);
            } else {
                addGroup(table, (RouteGroup) registration, appDependencies, binder);
            }
        }
        return table;
    }

    private static void addLambda(RouteTable table, LambdaRoute r, List<Class<?>> appDependencies,
                                  BindingCompiler binder) {
        PathTemplate t = PathTemplate.parse(r.path());
        if (r.async()) {
            refuseBlockingDependencies(r.method() + " " + t.text() + ": the lambda", List.of(), appDependencies, binder);
        }
        RouteModel model = new RouteModel(r.method(), t.text(), List.of(), Object.class, 200, List.of(),
                "lambda " + r.method() + " " + r.path(), r.async(), r.info(), appDependencies);
        table.add(t, Endpoint.ofLambda(model, t.variables(), r.call(), appDependencies.toArray(new Class<?>[0]),
                r.streamsBody(), binder.json()));
    }

    private static void addGroup(RouteTable table, RouteGroup g, List<Class<?>> appDependencies,
                                 BindingCompiler binder) {
        // only route methods are sorted: the sort reads their classes' class files, Object's is not needed
        List<Method> routeMethods = new ArrayList<>();
        for (Method m : g.routes().getClass().getMethods()) {
            // Object's methods carry no route, and reading their annotations builds a proxy class at startup
            if (m.getDeclaringClass() != Object.class && route(m) != null) {
                routeMethods.add(m);
            }
        }
        for (Method m : DeclarationOrder.sort(routeMethods.toArray(new Method[0]))) {
            String[] route = route(m);
            if (Modifier.isStatic(m.getModifiers())) {
                throw new IllegalArgumentException(m + ": route methods must not be static");
            }
            PathTemplate t = PathTemplate.parse(join(g.prefix(), route[1]));
            table.add(t, endpoint(m, g, appDependencies, route[0], t, binder));
        }
    }

    private static Endpoint endpoint(Method m, RouteGroup g, List<Class<?>> appDependencies, String httpMethod,
                                     PathTemplate t, BindingCompiler binder) {
        boolean async = Future.class.isAssignableFrom(m.getReturnType())
                || CompletionStage.class.isAssignableFrom(m.getReturnType());
        boolean returnsVoid = m.getReturnType() == void.class;
        Status status = m.getAnnotation(Status.class);
        int code = status != null ? status.value() : returnsVoid ? 204 : 200;
        BoundParameters params;
        try {
            params = binder.compile(m, g.routes(), t.variables());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(httpMethod + " " + t.text() + ": " + e.getMessage(), e);
        }
        if (async && params.models().stream().anyMatch(p -> p.streamsBody() && p.type() == java.io.InputStream.class)) {
            throw new IllegalArgumentException(httpMethod + " " + t.text() + ": " + m.getDeclaringClass().getSimpleName()
                    + "." + m.getName() + " takes its body as an InputStream, whose reads block until bytes arrive; "
                    + "a handler returning a future runs on the event loop and must not block: return a plain value");
        }
        if (async) {
            List<Class<?>> shared = new ArrayList<>(appDependencies);
            g.dependencies().forEach(d -> shared.add((Class<?>) d.type()));
            refuseBlockingDependencies(httpMethod + " " + t.text() + ": " + m.getDeclaringClass().getSimpleName()
                    + "." + m.getName(), params.models(), shared, binder);
        }
        // The group's dependencies come first, as FastAPI inserts a router's before the handler's own:
        // so OpenAPI documents their parameters and security schemes too. The app's are documented
        // through the model's shared dependencies.
        List<ParameterModel> documented = new ArrayList<>(g.dependencies());
        documented.addAll(params.models());
        ParamExtractor[] shared = new ParamExtractor[appDependencies.size() + g.dependencies().size()];
        for (int i = 0; i < appDependencies.size(); i++) {
            shared[i] = BindingCompiler.dependencyExtractor(appDependencies.get(i), List.of());
        }
        for (int i = 0; i < g.dependencies().size(); i++) {
            ParameterModel d = g.dependencies().get(i);
            shared[appDependencies.size() + i] = BindingCompiler.dependencyExtractor((Class<?>) d.type(), d.scopes());
        }
        RouteModel model = new RouteModel(httpMethod, t.text(), List.copyOf(documented), m.getGenericReturnType(),
                code, g.tags(), m.getDeclaringClass().getSimpleName() + "." + m.getName(), async, routeInfo(m),
                appDependencies);
        return Endpoint.ofMethod(model, t.variables(), params, Invoker.of(m, g.routes()), shared, returnsVoid,
                binder.json());
    }

    /**
     * A handler returning a future runs on the event loop: a dependency known to block would stall
     * every connection of the loop (or fail each request), so the app refuses to start, naming the fix.
     */
    private static void refuseBlockingDependencies(String handler, List<ParameterModel> parameters,
                                                   List<Class<?>> shared, BindingCompiler binder) {
        String why = binder.dependencies().blockingDependency(parameters, shared);
        if (why != null) {
            throw new IllegalArgumentException(handler + " returns a Future, so it runs on the event loop, which"
                    + " must not block; but " + why + ". Return a plain value instead (the handler then runs on a"
                    + " virtual thread), or take a PgPool and use pool.execAsync / pool.withConnection, or"
                    + " register the dependency with app.provideAsync(...)");
        }
    }

    /** What the method's annotations declare about the route: the RouteInfo a lambda route passes. */
    private static RouteInfo routeInfo(Method m) {
        return ResponseModels.declaredOn(m, OperationAnnotations.read(m, RouteInfo.none()));
    }

    private static String[] route(Method m) {
        List<String[]> found = new ArrayList<>();
        if (m.getAnnotation(Get.class) != null) {
            found.add(new String[] {"GET", m.getAnnotation(Get.class).value()});
        }
        if (m.getAnnotation(Post.class) != null) {
            found.add(new String[] {"POST", m.getAnnotation(Post.class).value()});
        }
        if (m.getAnnotation(Put.class) != null) {
            found.add(new String[] {"PUT", m.getAnnotation(Put.class).value()});
        }
        if (m.getAnnotation(Delete.class) != null) {
            found.add(new String[] {"DELETE", m.getAnnotation(Delete.class).value()});
        }
        if (m.getAnnotation(Patch.class) != null) {
            found.add(new String[] {"PATCH", m.getAnnotation(Patch.class).value()});
        }
        if (m.getAnnotation(Options.class) != null) {
            found.add(new String[] {"OPTIONS", m.getAnnotation(Options.class).value()});
        }
        if (found.size() > 1) {
            throw new IllegalArgumentException(m + ": one route annotation per method");
        }
        return found.isEmpty() ? null : found.get(0);
    }

    /** {@code prefix + path} with exactly one slash between them. */
    static String join(String prefix, String path) {
        if (prefix == null || prefix.isEmpty() || prefix.equals("/")) {
            return path;
        }
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        return path.equals("/") ? p : p + path;
    }
}
