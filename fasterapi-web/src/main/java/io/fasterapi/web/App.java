package io.fasterapi.web;

import io.fasterapi.core.Future;
import io.fasterapi.core.Reactor;
import io.fasterapi.web.internal.app.AppDefinition;
import io.fasterapi.web.internal.json.JsonMapping;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A FasterAPI application: routes, dependencies, error handlers, middleware and lifespan hooks,
 * then {@link #run(int)} or {@link #start(int)}.
 *
 * {@snippet :
 * App app = App.create()
 *         .provide(Pg.class, PgDepends.from(pool))   // a Pg per request (PgPool.shared), closed after it
 *         .provideInstance(PgPool.class, pool)       // one pool for every request
 *         .include(new ItemRoutes());
 * app.get("/hello", req -> Map.of("message", "hello"));
 * app.run(8000);
 * }
 *
 * <p><b>Who closes a dependency.</b> The app closes what it created and never what it was given, as
 * with its {@link #reactor(Reactor) reactor}. A factory registered with {@code provide} or
 * {@code provideFrom} (or {@code override}) creates a value per request: when that value is
 * {@link AutoCloseable} it is closed once the response has been written, in reverse order of
 * creation, also when the handler failed. An instance registered with {@link #provideInstance} is
 * app-wide: no request closes it (not even when a {@code provide} factory hands it out too), and
 * neither does stopping the server; close it yourself, in an {@link #onShutdown} hook or after
 * {@link Server#stop}. A value that is {@link io.fasterapi.core.LongLived} (a {@code PgPool}, a
 * {@link Reactor}, or your own shared resources marked so) is app-wide wherever it comes from, so
 * {@code provide(PgPool.class, () -> pool)} hands out the pool without ever closing it; any other
 * long-lived resource goes to {@code provideInstance}, since a {@code provide} factory's
 * {@code AutoCloseable} value is closed after each request that used it.
 *
 * <p>Configure it from one thread, before starting it; every handler signature is analysed when the
 * server starts (a wrong signature fails {@code start}, not a request). {@link #override} may also
 * be called while running (tests).
 *
 * @implNote This file is over 500 lines on purpose: it is the public front door, FastAPI's
 *     {@code FastAPI} class, about 60 documented methods each delegating in a line or two to
 *     {@code internal.app.AppDefinition}, which holds the implementation; splitting it would split the
 *     API users read in one place.
 */
public final class App {
    private final AppDefinition definition = new AppDefinition(); // what the methods below register

    private App() {
    }

    /** A new, empty application. */
    public static App create() {
        return new App();
    }

    // ---- lambda routes ----

    /** A GET route; the handler runs on a virtual thread. */
    public App get(String path, Handler handler) {
        return route("GET", path, handler);
    }

    /** A GET route that declares its documentation or response model: see {@link RouteInfo}. */
    public App get(String path, Handler handler, RouteInfo info) {
        return route("GET", path, handler, info);
    }

    /** A POST route; the handler runs on a virtual thread. */
    public App post(String path, Handler handler) {
        return route("POST", path, handler);
    }

    /** A POST route that declares its documentation or response model: see {@link RouteInfo}. */
    public App post(String path, Handler handler, RouteInfo info) {
        return route("POST", path, handler, info);
    }

    /** A PUT route; the handler runs on a virtual thread. */
    public App put(String path, Handler handler) {
        return route("PUT", path, handler);
    }

    /** A PUT route that declares its documentation or response model: see {@link RouteInfo}. */
    public App put(String path, Handler handler, RouteInfo info) {
        return route("PUT", path, handler, info);
    }

    /** A DELETE route; the handler runs on a virtual thread. */
    public App delete(String path, Handler handler) {
        return route("DELETE", path, handler);
    }

    /** A DELETE route that declares its documentation or response model: see {@link RouteInfo}. */
    public App delete(String path, Handler handler, RouteInfo info) {
        return route("DELETE", path, handler, info);
    }

    /** A PATCH route; the handler runs on a virtual thread. */
    public App patch(String path, Handler handler) {
        return route("PATCH", path, handler);
    }

    /** A PATCH route that declares its documentation or response model: see {@link RouteInfo}. */
    public App patch(String path, Handler handler, RouteInfo info) {
        return route("PATCH", path, handler, info);
    }

    /** An OPTIONS route; the handler runs on a virtual thread. */
    public App options(String path, Handler handler) {
        return route("OPTIONS", path, handler);
    }

    /** A route for any {@code method}; the handler runs on a virtual thread. */
    public App route(String method, String path, Handler handler) {
        return route(method, path, handler, RouteInfo.none());
    }

    /** A route for any {@code method} that declares its documentation or response model: see {@link RouteInfo}. */
    public App route(String method, String path, Handler handler, RouteInfo info) {
        definition.route(method, path, Objects.requireNonNull(handler, "handler")::handle, false, false,
                info);
        return this;
    }

    /**
     * A POST route whose handler reads the body while it arrives, through {@link Request#bodyStream()}
     * (an upload, a bulk import): as an {@code InputStream} parameter of a route method, see
     * {@link Body}. The body is not gathered first, so {@code maxBodySize} does not apply,
     * {@link ServerOptions.Builder#maxStreamedBodySize maxStreamedBodySize} does, and
     * {@link Request#body()} is empty. The handler runs on a virtual thread.
     */
    public App postStreaming(String path, Handler handler) {
        return routeStreaming("POST", path, handler);
    }

    /** A PUT route whose handler reads the body while it arrives: see {@link #postStreaming}. */
    public App putStreaming(String path, Handler handler) {
        return routeStreaming("PUT", path, handler);
    }

    /** A route for any {@code method} whose handler reads the body while it arrives: see {@link #postStreaming}. */
    public App routeStreaming(String method, String path, Handler handler) {
        definition.route(method, path, Objects.requireNonNull(handler, "handler")::handle, false, true,
                RouteInfo.none());
        return this;
    }

    /** A GET route whose handler runs on the event loop and returns a future; it must not block. */
    public App getAsync(String path, AsyncHandler handler) {
        return routeAsync("GET", path, handler);
    }

    /** An async GET route that declares its documentation or response model: see {@link RouteInfo}. */
    public App getAsync(String path, AsyncHandler handler, RouteInfo info) {
        return routeAsync("GET", path, handler, info);
    }

    /** A POST route whose handler runs on the event loop and returns a future; it must not block. */
    public App postAsync(String path, AsyncHandler handler) {
        return routeAsync("POST", path, handler);
    }

    /** An async POST route that declares its documentation or response model: see {@link RouteInfo}. */
    public App postAsync(String path, AsyncHandler handler, RouteInfo info) {
        return routeAsync("POST", path, handler, info);
    }

    /** A route for any {@code method} whose handler runs on the event loop and must not block. */
    public App routeAsync(String method, String path, AsyncHandler handler) {
        return routeAsync(method, path, handler, RouteInfo.none());
    }

    /** An async route for any {@code method} that declares its documentation or response model: see {@link RouteInfo}. */
    public App routeAsync(String method, String path, AsyncHandler handler, RouteInfo info) {
        definition.route(method, path, Objects.requireNonNull(handler, "handler")::handle, true, false, info);
        return this;
    }

    // ---- WebSocket endpoints ----

    /**
     * A WebSocket endpoint at {@code path} (a template: {@code "/rooms/{room}"}; read the values with
     * {@link WebSocket#pathParam}). A GET with {@code Upgrade: websocket} there goes through the
     * middleware's {@link Middleware#before before} (one answering it refuses the upgrade), then is
     * answered with the handshake; messages go to {@code handler} (see {@link WebSocketHandler} for
     * threading). When the server stops, open connections are closed with 1001 (Going Away).
     */
    public App websocket(String path, WebSocketHandler handler) {
        return websocket(path, List.of(), handler);
    }

    /**
     * A WebSocket endpoint that speaks {@code subprotocols} (RFC 6455 §1.9: {@code "graphql-ws"},
     * {@code "v2.chat"}...). Of the subprotocols a client offers in {@code Sec-WebSocket-Protocol},
     * the first one in the client's order that is in this list is chosen and echoed in the handshake
     * response ({@link WebSocket#subprotocol} tells the handler which); when none is, the handshake
     * succeeds without the header, as RFC 6455 §4.2.2 says, and the client decides whether to go on.
     * Each must be an HTTP token.
     */
    public App websocket(String path, List<String> subprotocols, WebSocketHandler handler) {
        definition.websocket(path, subprotocols, handler);
        return this;
    }

    // ---- route classes ----

    /** Adds every {@code @Get}/{@code @Post}... method of {@code routes}. */
    public App include(Object routes) {
        return include(Router.of(routes));
    }

    /** Adds the route methods of {@code routes} under {@code prefix}, tagged with {@code tags}. */
    public App include(String prefix, Object routes, String... tags) {
        return include(Router.of(routes).prefix(prefix).tags(tags));
    }

    /** Adds a route group with its prefix, tags and shared dependencies. */
    public App include(Router router) {
        definition.include(router.group());
        return this;
    }

    // ---- dependencies ----

    /**
     * Dependencies resolved before every handler of the app, lambda routes included, as FastAPI's
     * {@code FastAPI(dependencies=[Depends(verify_token)])}: a factory that throws
     * {@link HttpException} (401) guards every route, and the parameters its factory binds (a required
     * {@code x-token} header) are documented on every operation, with the 422 response. Their values
     * are not passed to handlers; a handler that wants one declares it as a parameter (the request
     * creates it once). Resolved before the router's own {@link Router#dependencies}.
     */
    public App dependencies(Class<?>... types) {
        for (Class<?> type : types) {
            definition.appDependency(type);
        }
        return this;
    }

    /**
     * Registers the request-scoped factory of {@code type}: a handler parameter of that type receives
     * its value, created once per request; an {@link AutoCloseable} value is closed after the
     * response is written. For one instance shared by every request, use {@link #provideInstance}.
     * Built in, and replaced by a registration of the same type: {@link BackgroundTasks}, the OAuth2
     * password forms, and {@code jakarta.validation.Validator} (the validator that checks bodies).
     */
    public <T> App provide(Class<T> type, Supplier<? extends T> factory) {
        definition.provide(type, factory);
        return this;
    }

    /**
     * Registers a factory that reads the request (and sub-dependencies with {@link Request#dependency});
     * like {@link #provide(Class, Supplier)}, its {@link AutoCloseable} values are closed after the response.
     */
    public <T> App provide(Class<T> type, Provider<? extends T> factory) {
        definition.provide(type, factory);
        return this;
    }

    /**
     * Registers {@code instance} as the app-wide value of {@code type} (a pool, a client, settings):
     * every request receives this one instance, and neither a request nor the server's stop closes
     * it, since the app did not create it. Close it in an {@link #onShutdown} hook if the app should.
     * A {@code PgPool} given here (or through {@link PgDepends#from}) adds a {@code postgres} check
     * to {@code /ready} (see {@link #readinessCheck}).
     */
    public <T> App provideInstance(Class<T> type, T instance) {
        definition.provideInstance(type, instance);
        return this;
    }

    /**
     * Registers an asynchronous request-scoped factory of {@code type}: it returns a {@code Future}
     * of the value (the current user from {@code pool.execAsync(...).map(...)}), FastAPI's
     * {@code async def} dependency. A handler that returns a {@code Future} (on the event loop) gets
     * the value once the future completes, without blocking the loop: the request waits for it, then
     * binds the handler's parameters; a handler on a virtual thread waits on its own thread. A failed
     * future fails the request as the factory's exception would (an {@link HttpException} answers its
     * status). The value is closed after the response as any request-scoped value.
     *
     * <p>The other way round is refused at startup: a handler returning a {@code Future} whose
     * dependency is known to block ({@link PgDepends#from}, {@link PgDepends#transactional}, or a
     * {@code provideFrom} factory taking one) fails {@code start} with the fix in the message. Other
     * {@code provide} factories run on the loop for such handlers, as they always did, so they must
     * not block there.
     */
    public <T> App provideAsync(Class<T> type, AsyncProvider<? extends T> factory) {
        definition.provideAsync(type, factory);
        return this;
    }

    /**
     * Registers the request-scoped factory of {@code type} under {@code name}, for when two values
     * share a type (a primary and a replica {@code PgPool}): a parameter annotated
     * {@link Named @Named(name)} receives it, an unannotated one the unnamed registration. Otherwise
     * as {@link #provide(Class, Supplier)}.
     */
    public <T> App provide(String name, Class<T> type, Supplier<? extends T> factory) {
        definition.provide(definition.key(name, type), factory);
        return this;
    }

    /** As {@link #provide(String, Class, Supplier)}, with a factory that reads the request. */
    public <T> App provide(String name, Class<T> type, Provider<? extends T> factory) {
        definition.provide(definition.key(name, type), factory);
        return this;
    }

    /** As {@link #provideInstance(Class, Object)}, under {@code name}: see {@link #provide(String, Class, Supplier)}. */
    public <T> App provideInstance(String name, Class<T> type, T instance) {
        definition.provideInstance(name, type, instance);
        return this;
    }

    /**
     * Registers {@code factory}'s one public method returning {@code type} as its factory; that
     * method's parameters are bound like a handler's (sub-dependencies, query, headers, cookies, path
     * parameters of the route...) and documented in the OpenAPI operations of the routes using it,
     * FastAPI's {@code Depends(get_thing)}. The method is called once per request; an
     * {@link AutoCloseable} result is closed after the response.
     */
    public <T> App provideFrom(Class<T> type, Object factory) {
        definition.provideFrom(type, factory);
        return this;
    }

    /**
     * Replaces the factory of {@code type} (tests: FastAPI's {@code dependency_overrides}) until
     * {@link #clearOverrides}; calling it again for the same type replaces the override. For an
     * override that ends with a test, use {@link #overrideScoped}.
     */
    public <T> App override(Class<T> type, Supplier<? extends T> factory) {
        definition.override(type, factory);
        return this;
    }

    /** Replaces the factory of {@code type} with one that reads the request. */
    public <T> App override(Class<T> type, Provider<? extends T> factory) {
        definition.override(type, factory);
        return this;
    }

    /** Replaces the factory of {@code type} named {@code name} (see {@link #provide(String, Class, Supplier)}). */
    public <T> App override(String name, Class<T> type, Supplier<? extends T> factory) {
        definition.override(definition.key(name, type), factory);
        return this;
    }

    /**
     * Removes every override, so each type gets its registered factory again: FastAPI's
     * {@code app.dependency_overrides = {}}. Call it after each test ({@code @AfterEach}) of a test
     * class that shares one app.
     */
    public App clearOverrides() {
        definition.clearOverrides();
        return this;
    }

    /**
     * Replaces the factory of {@code type} until the returned handle is closed, which puts back what
     * was there before (the registered factory, or an earlier override): an override scoped to a test.
     *
     * {@snippet :
     * try (var fake = app.overrideScoped(Clock.class, () -> FIXED_CLOCK)) {
     *     assertThat(client.get("/now").text()).isEqualTo("2026-01-01T00:00:00Z");
     * }                                           // the real Clock again
     * }
     *
     * <p>Scoped overrides of one type nest: close them in reverse order of opening (closing one out
     * of order, or after {@link #clearOverrides} removed it, throws {@link IllegalStateException}).
     */
    public <T> DependencyOverride overrideScoped(Class<T> type, Supplier<? extends T> factory) {
        return new DependencyOverride(definition.overrideScoped(type, factory));
    }

    /** As {@link #overrideScoped(Class, Supplier)}, with a factory that reads the request. */
    public <T> DependencyOverride overrideScoped(Class<T> type, Provider<? extends T> factory) {
        return new DependencyOverride(definition.overrideScoped(type, factory));
    }

    // ---- errors, middleware, lifespan, options ----

    /** Answers exceptions of {@code type} (and subtypes) with {@code handler}'s response. */
    public <E extends Throwable> App exceptionHandler(Class<E> type, ExceptionHandler<? super E> handler) {
        definition.exceptionHandler(type, handler);
        return this;
    }

    /** Adds a middleware; {@code before} hooks run in registration order, {@code after} in reverse. */
    public App middleware(Middleware m) {
        definition.middleware(m);
        return this;
    }

    /**
     * Opens a resource of {@code type} when the server starts and closes it when it stops, in
     * reverse order of registration (FastAPI's {@code lifespan}); while the server runs, a handler
     * or dependency parameter of {@code type} receives it. See {@link Lifespan} for the order of
     * events and what happens when one fails to open.
     */
    public <T> App lifespan(Class<T> type, Lifespan.Opener<? extends T> opener) {
        definition.lifespan(type, opener);
        return this;
    }

    /** Runs {@code hook} when the server starts, before it accepts connections. */
    public App onStartup(Runnable hook) {
        definition.onStartup(hook);
        return this;
    }

    /** Runs {@code hook} when the server stops, after the last response (close pools here). */
    public App onShutdown(Runnable hook) {
        definition.onShutdown(hook);
        return this;
    }

    /** Sets the server's limits and settings. */
    public App options(ServerOptions options) {
        definition.options(options);
        return this;
    }

    /** The server options set so far (for {@link TestClient}, which keeps them). */
    ServerOptions serverOptions() {
        return definition.options();
    }

    /**
     * Serves on {@code reactor}'s loops (share it with the PostgreSQL pool so a request and its
     * queries stay on one core). By default the app creates one loop per core and stops it on stop.
     */
    public App reactor(Reactor reactor) {
        definition.reactor(reactor);
        return this;
    }

    // ---- docs and observability ----

    /** Sets the OpenAPI document's title and version (FastAPI's {@code title}, {@code version}). */
    public App info(String title, String version) {
        return info(title, version, null);
    }

    /** Sets the OpenAPI document's title, version and Markdown description. */
    public App info(String title, String version, String description) {
        definition.info(title, version, description);
        return this;
    }

    /**
     * Where the OpenAPI document is served (default {@code /openapi.json}); null serves neither it
     * nor the docs page, as FastAPI's {@code openapi_url=None}.
     */
    public App openapiUrl(String url) {
        definition.openapiUrl(url);
        return this;
    }

    /**
     * Describes {@code name}, a tag routes are grouped by, in the document's top-level {@code tags}
     * list (FastAPI's {@code openapi_tags}): Swagger UI and ReDoc show the Markdown {@code description}
     * above the tag's operations, and list tags in the order they are described here.
     */
    public App tag(String name, String description) {
        definition.tag(name, description);
        return this;
    }

    /** Where Swagger UI is served (default {@code /docs}); null serves none. */
    public App docsUrl(String url) {
        definition.docsUrl(url);
        return this;
    }

    /**
     * Where ReDoc is served (default {@code /redoc}, from the {@code org.webjars:redoc} jar, no CDN);
     * null serves none, as FastAPI's {@code redoc_url=None}. Like the docs page, it is not served when
     * {@link #openapiUrl} is null.
     */
    public App redocUrl(String url) {
        definition.redocUrl(url);
        return this;
    }

    /**
     * Times every request into {@code registry} ({@code http.server.requests}, tagged method, route
     * template and status) and, when it is a Prometheus registry (the optional
     * {@code micrometer-registry-prometheus} jar), serves its scrape at {@code /metrics}. Adds a
     * filter to {@code registry} that masks passwords in tag values of meters registered after it.
     */
    public App metrics(MeterRegistry registry) {
        definition.metrics(registry);
        return this;
    }

    /**
     * Traces every request through the OpenTelemetry API into the application's own SDK and
     * exporter: a SERVER span per request named {@code "{method} {route}"} ({@code GET /items/{itemId}}),
     * after the stable HTTP conventions ({@code http.request.method}, {@code http.route},
     * {@code http.response.status_code}, status ERROR and {@code error.type} from 500 on), continuing
     * the caller's W3C {@code traceparent} through {@code openTelemetry}'s propagators, else starting a
     * trace. The span is current while the handler runs (on its virtual thread, or on the event loop
     * while a handler returning a future runs), so the spans of a pool built with
     * {@code PgPool.Builder.tracing} are its children; the JSON access log's {@code trace_id} is the
     * span's. Never recorded: the path (the route template stands for it), the query string, headers,
     * bodies, exception messages. Off by default, and then free: no OpenTelemetry class is loaded, and
     * {@code opentelemetry-api} (an optional dependency) may be absent. Details:
     * {@code docs/observability.md}, "Tracing".
     */
    public App tracing(OpenTelemetry openTelemetry) {
        definition.tracing(openTelemetry);
        return this;
    }

    /**
     * Adds a check to {@code /ready} (503 until every check passes): {@code check} may block; it
     * runs on a virtual thread of its own, within one second, on each readiness request. Whatever the
     * checks say, {@code /ready} answers 503 ({@code "status":"stopping"}) from the moment
     * {@link Server#stop} begins, while in-flight requests finish; {@code /health} answers 200 until
     * the server has stopped.
     *
     * <p>An app whose {@code PgPool} it knows — given to {@link #provideInstance} or behind
     * {@link PgDepends#from} — gets a check named {@code postgres} without asking: the pool's cached
     * health probe ({@code PgPool.checkHealth()}: at most one empty query in flight and one per
     * 2 s however often {@code /ready} is polled; a probe gives up after 1 s), so {@code /ready}
     * turns 503 within about 3 s of the database becoming unreachable and 200 again once a probe gets
     * through. A check the app registers under the name {@code postgres} replaces it; a pool handed
     * out only through {@code provide(PgPool.class, () -> pool)} is not seen: add
     * {@code readinessCheckAsync("postgres", pool::checkHealth)}.
     */
    public App readinessCheck(String name, BooleanSupplier check) {
        definition.readinessCheck(name, check);
        return this;
    }

    /**
     * Adds a non-blocking check to {@code /ready}: {@code check} returns at once a future that
     * completes with the answer within one second (a pool's ping on its event loop).
     */
    public App readinessCheckAsync(String name, Supplier<? extends Future<Boolean>> check) {
        definition.readinessCheckAsync(name, check);
        return this;
    }

    /**
     * FastAPI's {@code redirect_slashes}, on by default: a request whose path has no route, but whose
     * other form does ({@code /items/} for a route {@code /items}, or the reverse), is answered
     * {@code 307 Temporary Redirect} to that form, query string kept, whatever the method (a 307
     * makes the client repeat the method and body). Off, such a request is a 404.
     */
    public App redirectSlashes(boolean on) {
        definition.redirectSlashes(on);
        return this;
    }

    /**
     * FastAPI's {@code strict_content_type}, on by default: a JSON body is read only from a request
     * whose {@code Content-Type} is {@code application/json} or {@code application/*+json}, so a
     * browser script cannot post JSON without a CORS preflight (a request without
     * {@code Content-Type} needs none). Off, a body without {@code Content-Type} is read as JSON too,
     * for clients that never send one; any other type is still not JSON. Call before the routes
     * start.
     */
    public App strictContentType(boolean on) {
        definition.strictContentType(on);
        return this;
    }

    /**
     * How the app names its JSON properties (default {@link JsonNaming#AS_DECLARED}): one policy for
     * request bodies, responses, the {@code loc} of body errors and the OpenAPI document, as a pydantic
     * {@code alias_generator} shared by every model; see {@link JsonNaming}. Call before the routes
     * start.
     */
    public App jsonNaming(JsonNaming naming) {
        definition.jsonNaming(naming);
        return this;
    }

    /** The app's JSON (for {@link TestClient}, which writes and reads bodies as the app does). */
    JsonMapping json() {
        return definition.json();
    }

    // ---- running ----

    /**
     * Compiles the routes, runs the startup hooks and serves on {@code port} (0 picks a free port) at
     * {@link ServerOptions#host()} (127.0.0.1 unless set). Returns once listening. Not on an event loop.
     *
     * <p>When it fails, it throws and leaves nothing running that it started: a failing startup hook
     * ends it there (as a failing lifespan startup does in Starlette: the shutdown hooks do not run,
     * the {@link #lifespan} resources opened are closed);
     * when the server then cannot listen (the port is taken), the shutdown hooks run, as uvicorn runs
     * the lifespan's shutdown, and the reactor stops if the app created it. Use it to embed the server
     * (tests, a larger program); {@link #run} is the entry point of a process.
     */
    public Server start(int port) {
        return definition.start(port);
    }

    /**
     * The entry point of a process, as uvicorn is: starts on {@code port} and blocks until the server
     * stops; SIGTERM (and Ctrl-C) stop it gracefully with a 30 second deadline, after the
     * {@link ServerOptions.Builder#drainDelay drain delay} if one is set (behind a load balancer).
     *
     * <p>When the app fails to start ({@link #start} throws: a startup hook failed, say the database
     * refused the password, or the port is taken), it logs one line at error level saying why (the
     * messages of the exception and its causes, any password masked; the stack trace only at debug
     * level) and ends the JVM with {@code System.exit(3)}, uvicorn's status for a startup failure. A
     * process that cannot serve must not linger: threads the program started before (a reactor, a
     * pool) would keep the JVM alive, serving nothing, and a supervisor (systemd, Kubernetes) only
     * restarts a process that exits. To handle the failure yourself, call {@link #start} instead.
     */
    public void run(int port) {
        definition.run(port);
    }
}
