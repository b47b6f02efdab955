package io.fasterapi.web.internal.errors;

import io.fasterapi.web.ExceptionHandler;
import io.fasterapi.web.HttpException;
import io.fasterapi.web.Request;
import io.fasterapi.web.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failure into its response and logs it exactly once, with the request id: user exception
 * handlers first (most specific type wins), then 422 for binding errors, {@link HttpException}'s
 * status and detail, the default mapping of PostgreSQL errors (see {@code PgDepends}), and 500
 * {@code {"detail":"Internal Server Error"}} for anything else. A 500
 * body never carries the exception's message, stack or SQL. Any thread.
 */
public final class ErrorResponder {
    private static final Logger log = LoggerFactory.getLogger("io.fasterapi.web.errors");

    private final Map<Class<?>, ExceptionHandler<Throwable>> handlers = new LinkedHashMap<>();
    private final Map<Class<?>, ExceptionHandler<Throwable>> resolved = new ConcurrentHashMap<>();
    private static final ExceptionHandler<Throwable> NONE = (r, e) -> null;

    /** Registers {@code handler} for {@code type} and its subtypes. Configuration time only. */
    @SuppressWarnings("unchecked")
    public void register(Class<? extends Throwable> type, ExceptionHandler<?> handler) {
        handlers.put(type, (ExceptionHandler<Throwable>) handler);
        resolved.clear();
    }

    /** The response for {@code failure} during {@code request}. */
    public Response respond(Request request, Throwable failure) {
        Throwable t = unwrap(failure);
        ExceptionHandler<Throwable> h = resolved.computeIfAbsent(t.getClass(), this::find);
        if (h != NONE) {
            try {
                Response r = h.handle(request, t);
                if (r != null) {
                    logOnce(request, r.status(), t);
                    return r;
                }
            } catch (Throwable inHandler) {
                log.error("exception handler for {} failed [request {}]", t.getClass().getName(),
                        request.requestId(), inHandler);
                return internalError();
            }
        }
        if (t instanceof RequestValidationException v) {
            log.info("{} {} -> 422 {} validation error(s) [request {}]", request.method(), request.path(),
                    v.errors().size(), request.requestId());
            return Response.json(422, Map.of("detail", v.errors()));
        }
        if (t instanceof HttpException e) {
            log.info("{} {} -> {} {} [request {}]", request.method(), request.path(), e.status(), e.detail(),
                    request.requestId());
            Response r = Response.json(e.status(), detail(e.detail()));
            e.headers().forEach(r::header);
            return r;
        }
        if (PgErrorBridge.isPgException(t)) {
            Response r = PgErrorBridge.respond(t);
            logOnce(request, r.status(), t);
            return r;
        }
        log.error("{} {} -> 500 unhandled {} [request {}]", request.method(), request.path(), t.getClass().getName(),
                request.requestId(), t);
        return internalError();
    }

    private static Map<String, Object> detail(Object detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", detail);
        return body;
    }

    /** The 500 response: FastAPI's exact body. */
    public static Response internalError() {
        return Response.json(500, Map.of("detail", "Internal Server Error"));
    }

    /** The answer when a handler has not answered by the request's deadline. */
    public static Response handlerTimeout() {
        return Response.json(504, Map.of("detail", "Gateway Timeout: the request was not answered in time"));
    }

    private static void logOnce(Request request, int status, Throwable t) {
        if (status >= 500) {
            log.error("{} {} -> {} {} [request {}]", request.method(), request.path(), status, t.getClass().getName(),
                    request.requestId(), t);
        } else {
            log.info("{} {} -> {} {} [request {}]", request.method(), request.path(), status, t.getClass().getName(),
                    request.requestId());
        }
    }

    private ExceptionHandler<Throwable> find(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            ExceptionHandler<Throwable> h = handlers.get(c);
            if (h != null) {
                return h;
            }
        }
        return NONE;
    }

    /** The exception a wrapper stands for (checked-carrier, completion, execution). */
    public static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException || t instanceof CheckedFailure)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
