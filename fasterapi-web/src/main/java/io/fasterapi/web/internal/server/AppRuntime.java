package io.fasterapi.web.internal.server;

import io.fasterapi.web.Middleware;
import io.fasterapi.web.ServerOptions;
import io.fasterapi.web.internal.background.BackgroundTaskQueue;
import io.fasterapi.web.internal.dependency.DependencyRegistry;
import io.fasterapi.web.internal.errors.ErrorResponder;
import io.fasterapi.web.internal.json.JsonMapping;
import io.fasterapi.web.internal.observability.Draining;
import io.fasterapi.web.internal.observability.RequestMetrics;
import io.fasterapi.web.internal.router.RouteTable;
import io.fasterapi.web.internal.startup.WarmupGate;
import io.fasterapi.web.internal.tracing.RequestTracer;
import io.fasterapi.web.internal.websocket.WebSocketRoutes;
import java.util.List;

/**
 * Everything a running server needs from its app, frozen when it starts: routes, middleware,
 * error handling, dependencies, options, shutdown hooks, request timers, WebSocket endpoints, and
 * the flag the stop raises first (readiness then answers 503), the background tasks a stop waits for,
 * the app's JSON (its naming policy), which reads bodies and writes answers, and its request
 * tracer (null when it does not trace), and the gate of the start's warm-up, which says where blocking
 * handlers run.
 */
public record AppRuntime(RouteTable routes, List<Middleware> middleware, ErrorResponder errors,
                         DependencyRegistry dependencies, ServerOptions options, List<Runnable> shutdownHooks,
                         RequestMetrics metrics, WebSocketRoutes websockets, Draining draining,
                         BackgroundTaskQueue backgroundTasks, JsonMapping json,
                         RequestTracer tracer, WarmupGate warmup) {
}
