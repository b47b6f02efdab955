package io.fasterapi.web.internal.app;

import io.fasterapi.core.Future;
import io.fasterapi.core.Reactor;
import io.fasterapi.core.Shard;
import io.fasterapi.web.AsyncProvider;
import io.fasterapi.web.BackgroundTasks;
import io.fasterapi.web.ExceptionHandler;
import io.fasterapi.web.JsonNaming;
import io.fasterapi.web.Lifespan;
import io.fasterapi.web.Middleware;
import io.fasterapi.web.Provider;
import io.fasterapi.web.RouteInfo;
import io.fasterapi.web.Server;
import io.fasterapi.web.ServerOptions;
import io.fasterapi.web.WebSocketHandler;
import io.fasterapi.web.internal.background.BackgroundTaskQueue;
import io.fasterapi.web.internal.background.RequestBackgroundTasks;
import io.fasterapi.web.internal.binding.BindingCompiler;
import io.fasterapi.web.internal.binding.FactoryMethod;
import io.fasterapi.web.internal.binding.Validators;
import io.fasterapi.web.internal.builtin.BuiltinRoutes;
import io.fasterapi.web.internal.dependency.DependencyFactories;
import io.fasterapi.web.internal.dependency.DependencyFactory;
import io.fasterapi.web.internal.dependency.DependencyRegistry;
import io.fasterapi.web.internal.dependency.PoolBacked;
import io.fasterapi.web.internal.errors.ErrorResponder;
import io.fasterapi.web.internal.json.JsonMapping;
import io.fasterapi.web.internal.lifespan.LifespanResources;
import io.fasterapi.web.internal.model.ParameterModel;
import io.fasterapi.web.internal.observability.Draining;
import io.fasterapi.web.internal.observability.ReadinessChecks;
import io.fasterapi.web.internal.observability.RequestMetrics;
import io.fasterapi.web.internal.openapi.OpenApiInfo;
import io.fasterapi.web.internal.openapi.OpenApiTag;
import io.fasterapi.web.internal.router.Endpoint;
import io.fasterapi.web.internal.router.RouteCompiler;
import io.fasterapi.web.internal.router.RouteTable;
import io.fasterapi.web.internal.security.PasswordForms;
import io.fasterapi.web.internal.server.AppRuntime;
import io.fasterapi.web.internal.server.NettyServer;
import io.fasterapi.web.internal.server.StartupFailure;
import io.fasterapi.web.internal.websocket.WebSocketRoutes;
import io.fasterapi.web.internal.tracing.OtelRequestTracer;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an {@code App} was given before it starts — routes, dependencies, error handlers,
 * middleware, hooks, WebSocket endpoints, the built-in endpoints' settings, options — and the start
 * that compiles them into the {@link AppRuntime} a server runs. The implementation behind
 * {@code App}'s public methods, which document the behaviour. Configured from one thread, before
 * the start; the dependency overrides may also change while the server runs (tests).
 */
public final class AppDefinition {
    // The class whose name the entry point's startup failure is logged under.
    private static final Logger log = LoggerFactory.getLogger("io.fasterapi.web.App");
    /** An OpenTelemetry {@code OpenTelemetry} when the app traces, else null (and none of its classes loads). */
    private Object openTelemetry;

    private final List<RouteCompiler.Registration> routes = new ArrayList<>(); // in registration order
    private final List<Class<?>> appDependencies = new ArrayList<>();
    private final DependencyRegistry dependencies = new DependencyRegistry();
    private final BindingCompiler binder = new BindingCompiler(dependencies);
    private final ErrorResponder errors = new ErrorResponder();
    private final List<Middleware> middleware = new ArrayList<>();
    private final List<Runnable> startupHooks = new ArrayList<>();
    private final List<Runnable> shutdownHooks = new ArrayList<>();
    private final List<WebSocketRoutes.Registration> websockets = new ArrayList<>();
    private final BuiltinRoutes builtins = new BuiltinRoutes();
    private final LifespanResources lifespan = new LifespanResources(dependencies);
    private final BackgroundTaskQueue backgroundTasks = new BackgroundTaskQueue();
    private ServerOptions options = ServerOptions.defaults();
    private Reactor reactor;
    private boolean redirectSlashes = true;

    public AppDefinition() {
        dependencies.provideDefault(BackgroundTasks.class,
                request -> new RequestBackgroundTasks(backgroundTasks, request.shard(), request.requestId()));
        PasswordForms.register(dependencies, binder); // OAuth2PasswordRequestForm(Strict) need no provide
        // the framework's own validator: checking other input (a CSV row, a message) with the same
        // constraints builds no second Hibernate Validator factory; a route or factory that takes one (this
        // supplier runs as it is compiled) has the start's warm-up build it
        dependencies.provideDefault(Validator.class, () -> {
            Validators.wanted();
            return request -> Validators.validator();
        });
    }

    // ---- routes ----

    /**
     * Adds a lambda route: every lambda form ({@code get}, {@code postStreaming}, {@code getAsync}...)
     * comes here, {@code async} when its handler runs on the event loop and returns a future,
     * {@code streamsBody} when it reads the body while it arrives.
     */
    public void route(String method, String path, Endpoint.LambdaCall call, boolean async, boolean streamsBody,
                      RouteInfo info) {
        routes.add(new RouteCompiler.LambdaRoute(method.toUpperCase(Locale.ROOT), path, call, async, streamsBody,
                Objects.requireNonNull(info, "info")));
    }

    /** Adds an annotated route object's routes. */
    public void include(RouteCompiler.RouteGroup group) {
        routes.add(group);
    }

    /** Adds a WebSocket endpoint. */
    public void websocket(String path, List<String> subprotocols, WebSocketHandler handler) {
        websockets.add(new WebSocketRoutes.Registration(Objects.requireNonNull(path, "path"),
                Objects.requireNonNull(handler, "handler"), Objects.requireNonNull(subprotocols, "subprotocols")));
    }

    // ---- dependencies ----

    /** Adds a dependency resolved before every handler. */
    public void appDependency(Class<?> type) {
        appDependencies.add(Objects.requireNonNull(type, "type"));
    }

    /** The registry key of {@code type} under {@code name}, which must not be blank. */
    public Object key(String name, Class<?> type) {
        return dependencies.key(requireName(name), type);
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a dependency's name must not be empty");
        }
        return name;
    }

    /** Registers the request-scoped factory of {@code key} (a type or a named one). */
    public void provide(Object key, Supplier<?> factory) {
        dependencies.provide(key, DependencyFactories.of(factory));
    }

    /** As {@link #provide(Object, Supplier)}; a {@code PgDepends} factory's pool gets a readiness check. */
    public void provide(Object key, Provider<?> factory) {
        dependencies.provide(key, DependencyFactories.of(factory));
        if (factory instanceof PoolBacked backed) {
            builtins.readiness().database(backed.pool());
        }
    }

    /** Registers an asynchronous request-scoped factory. */
    public void provideAsync(Class<?> type, AsyncProvider<?> factory) {
        dependencies.provide(Objects.requireNonNull(type, "type"), DependencyFactories.ofAsync(factory));
    }

    /** Registers the app-wide instance of {@code key}; a {@code PgPool} gets a readiness check. */
    public void provideInstance(Object key, Object instance) {
        dependencies.provideInstance(Objects.requireNonNull(key, "type"), Objects.requireNonNull(instance, "instance"));
        if (ReadinessChecks.isPgPool(instance)) {
            builtins.readiness().database(instance);
        }
    }

    /** Registers the app-wide instance of {@code type} under {@code name}. */
    public void provideInstance(String name, Class<?> type, Object instance) {
        provideInstance(dependencies.key(requireName(name), Objects.requireNonNull(type, "type")), instance);
    }

    /** Registers {@code factory}'s one public method returning {@code type} as its factory. */
    public void provideFrom(Class<?> type, Object factory) {
        dependencies.provide(type, FactoryMethod.of(type, factory, binder));
    }

    /** Replaces the factory of {@code key} until the overrides are cleared. */
    public void override(Object key, Supplier<?> factory) {
        dependencies.override(key, DependencyFactories.of(factory));
    }

    /** Replaces the factory of {@code key} with one that reads the request. */
    public void override(Object key, Provider<?> factory) {
        dependencies.override(key, DependencyFactories.of(factory));
    }

    /** Removes every override. */
    public void clearOverrides() {
        dependencies.clearOverrides();
    }

    /** Replaces the factory of {@code type}; the action returned puts back what was there before. */
    public Runnable overrideScoped(Class<?> type, Supplier<?> factory) {
        return overrideScoped(type, DependencyFactories.of(factory));
    }

    /** As {@link #overrideScoped(Class, Supplier)}, with a factory that reads the request. */
    public Runnable overrideScoped(Class<?> type, Provider<?> factory) {
        return overrideScoped(type, DependencyFactories.of(factory));
    }

    private Runnable overrideScoped(Class<?> type, DependencyFactory factory) {
        Objects.requireNonNull(type, "type");
        var previous = dependencies.override(type, factory);
        return () -> dependencies.restoreOverride(type, factory, previous);
    }

    // ---- errors, middleware, lifespan, options ----

    /** Answers exceptions of {@code type} with {@code handler}'s response. */
    public <E extends Throwable> void exceptionHandler(Class<E> type, ExceptionHandler<? super E> handler) {
        errors.register(type, handler);
    }

    /** Adds a middleware. */
    public void middleware(Middleware m) {
        middleware.add(Objects.requireNonNull(m, "middleware"));
    }

    /** Opens a resource of {@code type} at start and closes it at stop. */
    public <T> void lifespan(Class<T> type, Lifespan.Opener<? extends T> opener) {
        lifespan.register(type, opener);
    }

    /** Runs {@code hook} at start, before the server accepts connections. */
    public void onStartup(Runnable hook) {
        startupHooks.add(Objects.requireNonNull(hook, "hook"));
    }

    /** Runs {@code hook} at stop, after the last response. */
    public void onShutdown(Runnable hook) {
        shutdownHooks.add(Objects.requireNonNull(hook, "hook"));
    }

    /** Sets the server's limits and settings. */
    public void options(ServerOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The server options set so far. */
    public ServerOptions options() {
        return options;
    }

    /** Serves on {@code reactor}'s loops instead of loops of the app's own. */
    public void reactor(Reactor reactor) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
    }

    /** Turns {@code redirect_slashes} on or off. */
    public void redirectSlashes(boolean on) {
        this.redirectSlashes = on;
    }

    /** Turns {@code strict_content_type} on or off for the routes compiled afterwards. */
    public void strictContentType(boolean on) {
        binder.strictContentType(on);
    }

    /** Names the app's JSON properties by {@code naming}, for the routes compiled afterwards. */
    public void jsonNaming(JsonNaming naming) {
        binder.json(JsonMapping.of(Objects.requireNonNull(naming, "naming")));
        builtins.json(binder.json());
    }

    /** The app's JSON: its mapper and names. */
    public JsonMapping json() {
        return binder.json();
    }

    // ---- docs and observability ----

    /** Sets the OpenAPI document's title, version and description (may be null). */
    public void info(String title, String version, String description) {
        builtins.info(new OpenApiInfo(title, version, description));
    }

    /** Where the OpenAPI document is served; null: nowhere, and no docs page either. */
    public void openapiUrl(String url) {
        builtins.openapiUrl(url);
    }

    /** Describes a tag in the OpenAPI document's {@code tags} list. */
    public void tag(String name, String description) {
        builtins.tag(new OpenApiTag(name, description));
    }

    /** Where Swagger UI is served; null: nowhere. */
    public void docsUrl(String url) {
        builtins.docsUrl(url);
    }

    /** Where ReDoc is served; null: nowhere. */
    public void redocUrl(String url) {
        builtins.redocUrl(url);
    }

    /** Times requests (and watches the background tasks) into {@code registry}. */
    public void metrics(MeterRegistry registry) {
        builtins.registry(registry);
        backgroundTasks.bindTo(registry);
    }

    /** Traces requests through {@code openTelemetry} (an {@code io.opentelemetry.api.OpenTelemetry}). */
    public void tracing(Object openTelemetry) {
        this.openTelemetry = java.util.Objects.requireNonNull(openTelemetry, "openTelemetry");
    }

    /** Adds a blocking check to {@code /ready}. */
    public void readinessCheck(String name, BooleanSupplier check) {
        builtins.readiness().add(name, check);
    }

    /** Adds a non-blocking check to {@code /ready}. */
    public void readinessCheckAsync(String name, Supplier<? extends Future<Boolean>> check) {
        builtins.readiness().addAsync(name, check);
    }

    // ---- running ----

    /**
     * Compiles the routes, opens the lifespan resources, runs the startup hooks and serves on
     * {@code port}; on failure leaves nothing running that it started (see {@code App.start}).
     */
    public Server start(int port) {
        Shard.checkMayBlock("App.start()");
        RouteTable table = RouteCompiler.compile(routes, appDependencies, binder);
        table.redirectSlashes(redirectSlashes);
        // Jackson's codecs for the routes' types are built while the resources open, the startup hooks run
        // (mostly waiting on I/O, a database check) and the server starts; handlers on virtual threads wait
        // for them (StartupWarmup).
        StartupWarmup warmup = StartupWarmup.start(table.models(), table.responseModels(), table.invokers());
        Draining draining = new Draining();
        RequestMetrics metrics;
        try {
            // the docs, health, readiness and metrics endpoints
            metrics = builtins.install(table, dependencies, draining);
            lifespan.openAll();
        } catch (RuntimeException | Error e) {
            warmup.awaitEnd();
            throw e;
        }
        try {
            for (Runnable hook : startupHooks) {
                hook.run();
            }
        } catch (RuntimeException | Error e) {
            warmup.awaitEnd();
            lifespan.closeAll();
            throw e;
        }
        boolean owns = reactor == null;
        Reactor r = owns ? Reactor.builder().name("fasterapi-http").build() : reactor;
        List<Runnable> onStop = new ArrayList<>(shutdownHooks);
        onStop.add(lifespan::closeAll); // after the hooks, which may still use the resources
        backgroundTasks.limitPerCore(options.maxPendingBackgroundTasks());
        AppRuntime runtime = new AppRuntime(table, List.copyOf(middleware), errors, dependencies, options,
                List.copyOf(onStop), metrics, WebSocketRoutes.compile(websockets), draining, backgroundTasks,
                binder.json(), openTelemetry == null ? null : OtelRequestTracer.create(openTelemetry), warmup.gate());
        try {
            return NettyServer.start(runtime, r, owns, port);
        } catch (RuntimeException | Error e) {
            warmup.awaitEnd();
            for (Runnable hook : shutdownHooks) {
                try {
                    hook.run();
                } catch (RuntimeException hookFailure) {
                    e.addSuppressed(hookFailure);
                }
            }
            if (owns) {
                r.close();
            }
            lifespan.closeAll();
            throw e;
        }
    }

    /**
     * Starts on {@code port} and blocks until the server stops, stopping it gracefully on SIGTERM;
     * when the start fails, logs why in one line and ends the JVM (see {@code App.run}).
     */
    public void run(int port) {
        Server server;
        try {
            server = start(port);
        } catch (RuntimeException | Error e) {
            log.error("FasterAPI failed to start: {}", StartupFailure.describe(e));
            log.debug("startup failure", e);
            System.exit(StartupFailure.EXIT_STATUS);
            return;
        }
        Thread hook = new Thread(() -> server.stop(Duration.ofSeconds(30)), "fasterapi-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            server.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.info("interrupted; stopping");
            server.stop(Duration.ofSeconds(30));
        }
    }
}
