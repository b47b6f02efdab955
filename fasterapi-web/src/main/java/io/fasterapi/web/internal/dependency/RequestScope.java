package io.fasterapi.web.internal.dependency;

import io.fasterapi.core.Future;
import io.fasterapi.core.Shard;
import io.fasterapi.web.DependencyCleanup;
import io.fasterapi.web.Request;
import io.fasterapi.web.security.SecurityScopes;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request's dependency values (FastAPI's per-request dependency cache and exit stack): each
 * type is created once, and the {@link AutoCloseable} values its factories created for this request
 * are closed in reverse order of creation by {@link #close}, after the response is written. An
 * app-wide instance ({@link DependencyRegistry#isAppWide}) belongs to the app, not to the request:
 * it is never closed here. A {@link DependencyCleanup} value is told how the handler ended: its
 * {@code handlerReturned} by {@link #handlerReturned} before the response, its {@code close} with the
 * failure (or null) here. A value that {@linkplain DependencyRegistry#usesScopes uses scopes} is
 * cached per set of OAuth2 scopes required on the way to it ({@link #securityScopes()}), as FastAPI's
 * cache key holds them.
 * Confined to the thread running the handler, then to the thread closing it.
 */
public final class RequestScope {
    private static final Logger log = LoggerFactory.getLogger(RequestScope.class);

    private final DependencyRegistry registry;
    private static final Object[] NO_TYPES = {};
    private static final Object[] NO_VALUES = {};
    // Allocated on first use: most requests use no dependency (two arrays per request in the alloc profile).
    private Object[] types = NO_TYPES; // keys: a type, or a named one (compared by identity)
    private Object[] values = NO_VALUES;
    private SecurityScopes[] scopesOf; // null until a value that uses scopes is stored; null entry: any scopes
    private int size;
    private List<Object> closeables; // AutoCloseable, AfterResponse or DependencyCleanup values, in creation order
    private boolean hasCleanups; // a DependencyCleanup among them
    private boolean closed;
    private boolean handlerFailed;
    private Throwable failure; // why, when known
    private SecurityScopes securityScopes = SecurityScopes.NONE;

    public RequestScope(DependencyRegistry registry) {
        this.registry = registry;
    }

    /**
     * The OAuth2 scopes required on the way from the handler to the dependency being created now
     * ({@code @Security} parameters set them around the creation of their dependency).
     */
    public SecurityScopes securityScopes() {
        return securityScopes;
    }

    /** Sets the scopes of {@link #securityScopes()}; the caller restores the previous ones after. */
    public void securityScopes(SecurityScopes scopes) {
        this.securityScopes = scopes;
    }

    /**
     * {@code request}'s value of {@code type} (a type, or a {@linkplain DependencyRegistry#key named}
     * one), created on first use by its factory, which reads {@code request}.
     */
    public Object get(Object type, Request request) throws Exception {
        for (int i = 0; i < size; i++) {
            if (types[i] == type && (scopesOf == null || scopesOf[i] == null
                    || scopesOf[i].sameSetAs(securityScopes))) {
                return values[i];
            }
        }
        if (closed) {
            throw new IllegalStateException("the request's dependencies are already closed");
        }
        DependencyFactory factory = registry.factory(type);
        Object value = factory.create(request);
        if (factory.async()) {
            value = awaitValue(type, (Future<?>) value, securityScopes);
        }
        if (value == null) {
            return null; // binding errors of the factory's parameters, or a factory returning null
        }
        return store(type, value, securityScopes);
    }

    /**
     * The value of an asynchronous factory's {@code future}: at once when complete, by parking a
     * virtual thread, or — on the event loop — by throwing {@link PendingDependency} for the
     * dispatcher to wait without blocking and bind again.
     */
    private static Object awaitValue(Object type, Future<?> future, SecurityScopes scopes) throws Exception {
        if (!future.isDone()) {
            if (Shard.onEventLoop()) {
                throw new PendingDependency(type, future, scopes);
            }
            future.toCompletionStage().toCompletableFuture().handle((v, e) -> null).join(); // parks, pins no carrier
        }
        if (future.isFailed()) {
            Throwable cause = future.cause();
            if (cause instanceof Exception e) {
                throw e;
            }
            throw (Error) cause;
        }
        return future.valueNow();
    }

    /** Stores the value an asynchronous dependency's future completed with ({@link PendingDependency}). */
    public void resolved(PendingDependency pending, Object value) {
        if (value != null && !closed) {
            store(pending.key(), value, pending.scopes());
        }
    }

    private Object store(Object type, Object value, SecurityScopes requestScopes) {
        if (size == types.length) {
            types = java.util.Arrays.copyOf(types, Math.max(4, size * 2));
            values = java.util.Arrays.copyOf(values, Math.max(4, size * 2));
        }
        if (scopesOf != null && scopesOf.length < types.length) {
            scopesOf = java.util.Arrays.copyOf(scopesOf, types.length);
        }
        if (registry.usesScopes(type)) {
            if (scopesOf == null) {
                scopesOf = new SecurityScopes[types.length];
            }
            scopesOf[size] = requestScopes;
        }
        types[size] = type;
        values[size] = value;
        size++;
        if ((value instanceof AutoCloseable || value instanceof AfterResponse || value instanceof DependencyCleanup)
                && !registry.isAppWide(value)) {
            if (closeables == null) {
                closeables = new ArrayList<>(2);
            }
            closeables.add(value);
            hasCleanups |= value instanceof DependencyCleanup;
        }
        return value;
    }

    /** The key of {@code type} named {@code name} (see {@link DependencyRegistry#key}). */
    public Object key(String name, Class<?> type) {
        return registry.key(name, type);
    }

    /** Records that the handler (or what ran instead of it) failed: {@link AfterResponse} values learn it. */
    public void markHandlerFailed() {
        handlerFailed = true;
    }

    /** Records that the handler failed with {@code cause}, which {@link DependencyCleanup#close} receives. */
    public void markHandlerFailed(Throwable cause) {
        handlerFailed = true;
        if (failure == null) {
            failure = cause;
        }
    }

    /** Whether a {@link DependencyCleanup} value was created (so the caller may skip {@link #handlerReturned}). */
    public boolean hasCleanups() {
        return hasCleanups;
    }

    /**
     * Tells the {@link DependencyCleanup} values, in reverse order of creation, that the handler
     * returned normally; the first that throws stops the others, and its exception is thrown (the
     * caller answers it and {@linkplain #markHandlerFailed(Throwable) records} it).
     */
    public void handlerReturned() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            if (closeables.get(i) instanceof DependencyCleanup cleanup) {
                cleanup.handlerReturned();
            }
        }
    }

    /**
     * Closes the closeable values in reverse order of creation, and tells the {@link AfterResponse}
     * ones how the handler ended; failures are logged, not thrown. Idempotent.
     */
    public void close(String requestId) {
        if (closed) {
            return;
        }
        closed = true;
        if (closeables == null) {
            return;
        }
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                if (closeables.get(i) instanceof AfterResponse after) {
                    after.afterResponse(handlerFailed);
                } else if (closeables.get(i) instanceof DependencyCleanup cleanup) {
                    cleanup.close(failureForCleanup());
                } else {
                    ((AutoCloseable) closeables.get(i)).close();
                }
            } catch (Throwable t) {
                log.error("closing dependency {} failed [request {}]", closeables.get(i).getClass().getName(),
                        requestId, t);
            }
        }
    }

    private Throwable failureForCleanup() {
        if (handlerFailed && failure == null) {
            failure = new IllegalStateException("the request was answered before its handler returned"
                    + " (a middleware, a binding error or the deadline)");
        }
        return handlerFailed ? failure : null;
    }

    /** Whether any value needs closing (so the caller may skip a thread hop when none does). */
    public boolean hasCloseables() {
        return closeables != null;
    }
}
