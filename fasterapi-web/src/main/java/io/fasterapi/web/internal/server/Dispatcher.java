package io.fasterapi.web.internal.server;

import io.fasterapi.core.Deadline;
import io.fasterapi.core.Future;
import io.fasterapi.web.Middleware;
import io.fasterapi.web.Response;
import io.fasterapi.web.internal.dependency.PendingDependency;
import io.fasterapi.web.internal.errors.ErrorResponder;
import io.fasterapi.web.internal.json.JsonWarmup;
import io.fasterapi.web.internal.request.RequestContext;
import io.fasterapi.web.internal.router.Endpoint;
import io.fasterapi.web.internal.router.RouteTrie;
import io.fasterapi.web.internal.router.SlashRedirect;
import io.fasterapi.web.internal.tracing.RequestSpan;
import io.fasterapi.web.internal.tracing.RequestTracer;
import io.fasterapi.web.internal.tracing.TraceScope;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one request: middleware {@code before}, routing (404, 405 with {@code Allow}), the handler on
 * the loop (it returns a future) or on a virtual thread of the request's shard (anything else; during the
 * start's warm-up, on a platform thread: {@code WarmupGate}),
 * then the response through middleware {@code after} and the encoder, back to the connection.
 * Request-scoped dependencies are closed once the response has been written: on the virtual thread
 * that ran the handler, or on the loop for loop handlers. Stateless; shared by all connections.
 *
 * <p>The handler deadline ({@code ServerOptions.handlerTimeout}): a timer on the connection's loop
 * answers 504 when the handler has not answered by then; whichever of the two answers first
 * ({@link Exchange#claimAnswer()}) is the response, the other is discarded. A virtual-thread
 * handler still running keeps its dependencies until it returns (it may be using them), then closes
 * them; a loop handler's future is abandoned and its dependencies closed after the 504.
 *
 * <p>Tracing ({@code App.tracing}; {@link #tracer} is null otherwise, and a request costs one null
 * check): a span per request, started here and ended when the response is handed to the connection,
 * current on the loop while the middleware, the routing and a loop handler run, and on the virtual
 * thread for the whole of a blocking handler; every scope is closed in a finally on the thread that
 * opened it, so nothing of one request stays current on a loop for the next.
 */
final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final AppRuntime app;
    private final ResponseEncoder encoder;
    private final Middleware[] middleware;
    private final long handlerTimeoutNanos; // 0: none
    private final RequestTracer tracer; // null: off

    Dispatcher(AppRuntime app) {
        this.app = app;
        this.tracer = app.tracer();
        this.handlerTimeoutNanos = app.options().handlerTimeout().toNanos();
        this.encoder = new ResponseEncoder(app.options().serverName(), app.options().compressionThreshold(), app.json());
        this.middleware = app.middleware().toArray(new Middleware[0]);
        warmUpResponsePath();
    }

    /**
     * Encodes an error answer and a gzipped one here, at startup: the classes they first use
     * (JSON of error details, GZIPOutputStream and its native zlib) would otherwise be loaded by
     * the first virtual-thread handlers, racing on the class loader and pinning their carriers.
     */
    private void warmUpResponsePath() {
        String text = "warm-up ".repeat(512);
        for (Response r : List.of(ErrorResponder.internalError(), Response.text(text))) {
            encoder.encode(r, "warm-up", io.netty.buffer.UnpooledByteBufAllocator.DEFAULT, false, "gzip").release();
        }
    }

    /** Starts handling {@code ex}. Runs on the connection's loop. */
    void dispatch(Exchange ex, HttpConnection connection) {
        if (tracer == null) {
            route(ex, connection);
            return;
        }
        RequestSpan span = tracer.start(ex.request.method(), ex.request.nettyRequest().headers(), ex.http10);
        ex.request.span(span);
        try (TraceScope ignored = span.makeCurrent()) {
            route(ex, connection);
        }
    }

    /** The request's span made current on this thread, or null when the server does not trace. */
    private static TraceScope enter(Exchange ex) {
        RequestSpan span = ex.request.span();
        return span == null ? null : span.makeCurrent();
    }

    private void route(Exchange ex, HttpConnection connection) {
        RequestContext request = ex.request;
        try {
            for (Middleware m : middleware) {
                Response early = m.before(request);
                if (early != null) {
                    respondThenCloseScope(ex, connection, early);
                    return;
                }
            }
            RouteTrie.Match<Endpoint> match = app.routes().find(request.method(), request.path());
            if (match == null) {
                String other = app.routes().slashRedirect(request.path());
                respond(ex, connection, other != null ? SlashRedirect.to(request, other)
                        : Response.json(404, Map.of("detail", "Not Found")));
                return;
            }
            Endpoint endpoint = match.value();
            if (endpoint == null) {
                respond(ex, connection, Response.json(405, Map.of("detail", "Method Not Allowed"))
                        .header("Allow", match.allow()));
                return;
            }
            ex.route = endpoint.model();
            if (request.span() != null) {
                request.span().route(ex.route.template());
            }
            request.pathValues(endpoint.pathVariables(), match.variables());
            boolean deadline = handlerTimeoutNanos != 0 && !endpoint.streamsBody();
            if (deadline) {
                request.deadline(Deadline.atNanoTime(ex.startNanos + handlerTimeoutNanos));
            }
            if (endpoint.async()) {
                runOnLoop(ex, connection, endpoint, deadline);
            } else {
                if (deadline) {
                    ex.deadlineTimer = armDeadline(ex, connection, false);
                }
                if (request.nettyRequest().content().isReadable()) {
                    JsonWarmup.prepareParsing(); // once (then at once), on the loop: the handler may parse it as JSON
                }
                app.warmup().runBlocking(request.shard(), () -> {
                    try (TraceScope ignored = enter(ex)) {
                        runBlocking(ex, connection, endpoint);
                    }
                });
            }
        } catch (Throwable t) {
            request.scope().markHandlerFailed(t);
            respondThenCloseScope(ex, connection, app.errors().respond(request, t));
        }
    }

    /**
     * Answers 504 at the request's deadline unless the handler answered first. For a loop handler
     * ({@code closeScope}) the request's dependencies are closed after that answer; a virtual-thread
     * handler closes them itself when it returns. Loop.
     */
    private ScheduledFuture<?> armDeadline(Exchange ex, HttpConnection connection, boolean closeScope) {
        long delay = ex.startNanos + handlerTimeoutNanos - System.nanoTime();
        return ex.request.shard().eventLoop().schedule(() -> {
            if (!ex.claimAnswer()) {
                return;
            }
            log.warn("{} {} -> 504: the handler did not answer within {} ms [request {}]", ex.request.method(),
                    ex.request.path(), TimeUnit.NANOSECONDS.toMillis(handlerTimeoutNanos), ex.request.requestId());
            Response timeout = ErrorResponder.handlerTimeout();
            if (closeScope) {
                respondThenCloseScope(ex, connection, timeout);
            } else {
                respond(ex, connection, timeout);
            }
        }, Math.max(0, delay), TimeUnit.NANOSECONDS);
    }

    private void runOnLoop(Exchange ex, HttpConnection connection, Endpoint endpoint, boolean deadline) {
        Object result;
        try {
            result = endpoint.call(ex.request);
        } catch (PendingDependency pending) {
            awaitDependencyThenRunOnLoop(ex, connection, endpoint, deadline, pending);
            return;
        } catch (Throwable t) {
            ex.claimAnswer();
            finishThenCloseScope(ex, connection, endpoint, null, t);
            return;
        }
        Future<?> future = result instanceof Future<?> f ? f
                : result instanceof CompletionStage<?> s ? Future.from(s) : Future.ready(result);
        // A future already complete (most loop handlers) needs no timer.
        ScheduledFuture<?> timer = deadline && !future.isDone() ? armDeadline(ex, connection, true) : null;
        future.onComplete((value, failure) -> connection.onLoop(() -> {
            if (timer != null) {
                timer.cancel(false);
            }
            if (ex.claimAnswer()) {
                Throwable f = failure == null && ex.request.scope().hasCleanups() ? handlerReturned(ex) : failure;
                finishThenCloseScope(ex, connection, endpoint, f == null ? value : null, f);
            } else {
                discardLate(ex, failure);
            }
        }));
    }

    /**
     * Waits, off the loop, for an asynchronous dependency the binding needed; then stores its value
     * and binds again on the loop (the values created so far are cached in the request's scope). The
     * deadline's timer runs meanwhile, so a dependency that never completes is answered 504.
     */
    private void awaitDependencyThenRunOnLoop(Exchange ex, HttpConnection connection, Endpoint endpoint,
                                              boolean deadline, PendingDependency pending) {
        if (deadline && ex.deadlineTimer == null) {
            ex.deadlineTimer = armDeadline(ex, connection, true);
        }
        pending.future().onComplete((value, failure) -> connection.onLoop(() -> {
            if (ex.isAnswered()) { // the deadline's 504 went out, and closed the scope
                discardLate(ex, failure);
                return;
            }
            if (failure != null) {
                ex.claimAnswer();
                finishThenCloseScope(ex, connection, endpoint, null, failure);
                return;
            }
            ex.request.scope().resolved(pending, value);
            try (TraceScope ignored = enter(ex)) {
                runOnLoop(ex, connection, endpoint, false); // the timer armed above stays the deadline
            }
        }));
    }

    private static void discardLate(Exchange ex, Throwable failure) {
        log.info("{} {}: the handler answered after its deadline; its {} is discarded [request {}]",
                ex.request.method(), ex.request.path(), failure == null ? "result" : failure.toString(),
                ex.request.requestId());
    }

    private void runBlocking(Exchange ex, HttpConnection connection, Endpoint endpoint) {
        Object result = null;
        Throwable failure = null;
        try {
            result = endpoint.call(ex.request);
            if (result instanceof Future<?> f) {
                result = f.await();
            } else if (result instanceof CompletionStage<?> s) {
                result = s.toCompletableFuture().join();
            }
        } catch (Throwable t) {
            failure = t;
            ex.request.scope().markHandlerFailed(t);
        }
        if (!ex.claimAnswer()) { // the deadline's 504 went out; its timer has fired
            discardLate(ex, failure);
            ex.request.scope().markHandlerFailed(); // the client saw a 504: no background task runs, a transaction rolls back
            ex.request.scope().close(ex.request.requestId());
            return;
        }
        if (failure == null && ex.request.scope().hasCleanups()) {
            failure = handlerReturned(ex); // commits before the response, once no 504 can overtake it
            if (failure != null) {
                result = null;
            }
        }
        CompletableFuture<Void> written = ex.request.scope().hasCloseables() ? ex.written() : null;
        finish(ex, connection, endpoint, result, failure);
        if (written != null) {
            written.handle((v, e) -> null).join(); // parks the virtual thread, no carrier pinned
        }
        ex.request.scope().close(ex.request.requestId());
    }

    /** Tells the request's {@code DependencyCleanup} values the handler returned; what one threw, or null. */
    private static Throwable handlerReturned(Exchange ex) {
        try {
            ex.request.scope().handlerReturned();
            return null;
        } catch (Throwable t) {
            ex.request.scope().markHandlerFailed(t);
            return t;
        }
    }

    private void finishThenCloseScope(Exchange ex, HttpConnection connection, Endpoint endpoint, Object value,
                                      Throwable failure) {
        if (failure != null) {
            ex.request.scope().markHandlerFailed(failure);
        }
        CompletableFuture<Void> written = awaitWriteIfScopeHoldsCloseables(ex);
        finish(ex, connection, endpoint, value, failure);
        closeScopeAfter(ex, written);
    }

    /** Answers without the handler having run to its end (middleware, a failure before it): it counts as failed. */
    private void respondThenCloseScope(Exchange ex, HttpConnection connection, Response response) {
        ex.request.scope().markHandlerFailed();
        CompletableFuture<Void> written = awaitWriteIfScopeHoldsCloseables(ex);
        respond(ex, connection, response);
        closeScopeAfter(ex, written);
    }

    // The future must exist before the response is handed over, or its write would go unobserved.
    private static CompletableFuture<Void> awaitWriteIfScopeHoldsCloseables(Exchange ex) {
        return ex.request.scope().hasCloseables() ? ex.written() : null;
    }

    private static void closeScopeAfter(Exchange ex, CompletableFuture<Void> written) {
        if (written == null) {
            ex.request.scope().close(ex.request.requestId());
        } else {
            written.whenComplete((v, e) -> ex.request.scope().close(ex.request.requestId()));
        }
    }

    private void finish(Exchange ex, HttpConnection connection, Endpoint endpoint, Object result, Throwable failure) {
        if (failure != null && ex.request.span() != null) {
            ex.request.span().failed(failure);
        }
        Response response;
        if (failure != null && ex.request.bodyRefusalStatus() != 0) {
            response = ErrorResponder.internalError(); // the failure is the stream's: respond() answers the refusal
        } else if (failure != null) {
            response = app.errors().respond(ex.request, failure);
        } else {
            try {
                response = ResultResponses.toResponse(result, endpoint, ex.request.injectedResponseOrNull());
            } catch (Throwable t) {
                ex.request.scope().markHandlerFailed(t); // its result could not be written: a failure too
                response = app.errors().respond(ex.request, t);
            }
        }
        respond(ex, connection, response);
    }

    /** Runs middleware {@code after}, encodes and hands the response to the connection. Any thread. */
    private void respond(Exchange ex, HttpConnection connection, Response response) {
        Response refusal = bodyRefusal(ex);
        if (refusal != null) {
            response = refusal;
        }
        EncodedResponse encoded = afterThenEncode(ex.request, response, connection.alloc(), ex.head);
        app.metrics().record(ex.request.method(), ex.route, encoded.status(), ex.startNanos);
        if (ex.request.span() != null) {
            ex.request.span().end(encoded.status());
        }
        ScheduledFuture<?> timer = ex.deadlineTimer;
        if (timer != null) {
            // Cancelled on the loop, in the hop that hands the response over: cancelling from the
            // handler's thread would cost a second hop to the loop.
            connection.onLoop(() -> {
                timer.cancel(false);
                connection.complete(ex, encoded);
            });
        } else {
            connection.complete(ex, encoded);
        }
    }

    private EncodedResponse afterThenEncode(RequestContext request, Response response, ByteBufAllocator alloc,
                                            boolean head) {
        for (int i = middleware.length - 1; i >= 0; i--) {
            try {
                middleware[i].after(request, response);
            } catch (Throwable t) {
                log.error("middleware {} failed in after() [request {}]", middleware[i].getClass().getName(),
                        request.requestId(), t);
            }
        }
        try {
            return encoder.encode(response, request.requestId(), alloc, head, request.header("accept-encoding"));
        } catch (Throwable t) {
            log.error("{} {} -> 500: encoding the response failed [request {}]", request.method(),
                    request.path(), request.requestId(), t);
            return encoder.encode(ErrorResponder.internalError(), request.requestId(), alloc, head, null);
        }
    }

    /** Whether the app has middleware (a WebSocket handshake then goes through {@link #screenHandshake}). */
    boolean hasMiddleware() {
        return middleware.length > 0;
    }

    /**
     * Runs middleware {@code before} on a WebSocket handshake request: null when every one lets it
     * through, else the response refusing the upgrade, through every {@code after} and encoded (a
     * streamed refusal becomes a 500: the connection closes right after it). Loop.
     */
    EncodedResponse screenHandshake(RequestContext request, ByteBufAllocator alloc) {
        long start = System.nanoTime();
        Response refusal = null;
        try {
            for (Middleware m : middleware) {
                refusal = m.before(request);
                if (refusal != null) {
                    break;
                }
            }
        } catch (Throwable t) {
            refusal = app.errors().respond(request, t);
        }
        if (refusal == null) {
            return null;
        }
        if (refusal.bodyKind() == Response.BodyKind.PUBLISHER || refusal.bodyKind() == Response.BodyKind.WRITER) {
            log.error("a middleware refused the WebSocket handshake to {} with a streamed response; answering 500"
                    + " [request {}]", request.path(), request.requestId());
            refusal = ErrorResponder.internalError();
        }
        EncodedResponse encoded = afterThenEncode(request, refusal, alloc, false);
        app.metrics().record(request.method(), null, encoded.status(), start);
        return encoded;
    }

    /**
     * The answer when the request's streamed body was cut short (too large, malformed, the client
     * gone): whatever the handler made of a partial body is not the answer. Null otherwise.
     */
    private static Response bodyRefusal(Exchange ex) {
        int status = ex.request.bodyRefusalStatus();
        if (status == 0) {
            return null;
        }
        log.info("{} {} -> {}: the streamed request body was refused [request {}]", ex.request.method(),
                ex.request.path(), status, ex.request.requestId());
        return Response.json(status, Map.of("detail", status == 413 ? "Request body too large"
                : "Bad Request: the request body was incomplete or malformed"));
    }

    /** Encodes a response for a request that never reached routing (a malformed request). */
    EncodedResponse encodeEarly(int status, String detail, String requestId) {
        return encoder.encode(Response.json(status, Map.of("detail", detail)), requestId,
                io.netty.buffer.ByteBufAllocator.DEFAULT, false, null);
    }
}
