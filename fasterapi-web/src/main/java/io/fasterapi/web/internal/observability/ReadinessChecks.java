package io.fasterapi.web.internal.observability;

import io.fasterapi.core.Future;
import io.fasterapi.web.Response;
import io.fasterapi.web.internal.redaction.SecretRedactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The named checks behind {@code /ready}: each answers whether a resource the app needs (the
 * PostgreSQL pool, a cache...) can serve now. All run at once, each within {@link #TIMEOUT}; the app
 * is ready when every one answered {@code true}. The answer names each check's state ({@code up},
 * {@code down}, {@code timeout}) and nothing else: a failure's message is logged, never sent, as it
 * might hold a host name or a DSN.
 *
 * <p>Checks are added while configuring (one thread), then only read: {@link #answer} runs on any
 * number of virtual threads at once.
 */
public final class ReadinessChecks {
    /**
     * How long each check may take. Kubernetes' probe timeout defaults to one second: a check
     * slower than that is as good as down.
     */
    public static final Duration TIMEOUT = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(ReadinessChecks.class);

    private record Check(String name, Supplier<CompletableFuture<Boolean>> start) {
    }

    private final List<Check> checks = new ArrayList<>();
    private final List<Object> pools = new ArrayList<>();

    /** Adds a check that may block; it runs on a virtual thread of its own. */
    public void add(String name, BooleanSupplier check) {
        Objects.requireNonNull(check, "check");
        checks.add(new Check(checkName(name), () -> {
            CompletableFuture<Boolean> result = new CompletableFuture<>();
            Thread.ofVirtual().name("fasterapi-ready-" + name).start(() -> {
                try {
                    result.complete(check.getAsBoolean());
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
            return result;
        }));
    }

    /** Adds a check that returns a future at once (a pool's ping on its event loop). */
    public void addAsync(String name, Supplier<? extends Future<Boolean>> check) {
        Objects.requireNonNull(check, "check");
        checks.add(new Check(checkName(name), () -> check.get().toCompletionStage().toCompletableFuture()));
    }

    /**
     * Whether {@code value} is a {@code PgPool} (the driver's hidden implementation extends it), told by
     * name so the driver's classes are not needed.
     */
    public static boolean isPgPool(Object value) {
        for (Class<?> c = value == null ? null : value.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals("io.fasterapi.pg.PgPool")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Remembers a database pool the app uses ({@code PgDepends.from(pool)}, {@code provideInstance}):
     * {@link #addDatabaseChecks()} gives it a check. The same pool twice counts once.
     */
    public void database(Object pool) {
        Objects.requireNonNull(pool, "pool");
        for (Object p : pools) {
            if (p == pool) {
                return;
            }
        }
        pools.add(pool);
    }

    /**
     * Adds a check per remembered pool, named {@code postgres} (then {@code postgres-2}...), unless
     * the app registered a check of that name itself (its own wins). Runs once, at startup.
     */
    public void addDatabaseChecks() {
        for (int i = 0; i < pools.size(); i++) {
            String name = i == 0 ? "postgres" : "postgres-" + (i + 1);
            if (checks.stream().noneMatch(c -> c.name().equals(name))) {
                addAsync(name, io.fasterapi.web.internal.pg.PgReadiness.check(pools.get(i)));
            }
        }
        pools.clear();
    }

    private String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (checks.stream().anyMatch(c -> c.name().equals(name))) {
            throw new IllegalArgumentException("readiness check '" + name + "' is already registered");
        }
        return name;
    }

    /**
     * Runs every check and answers 200 {@code {"status":"ready","checks":{...}}} or 503 with
     * {@code "status":"unavailable"}; once the server is {@code draining}, 503
     * {@code {"status":"stopping","checks":{}}} without running the checks. Blocks up to
     * {@link #TIMEOUT}: call it on a virtual thread.
     */
    public Response answer(Draining draining) {
        if (draining.isDraining()) {
            return Response.json(503, Map.of("status", "stopping", "checks", Map.of()));
        }
        Map<String, CompletableFuture<Boolean>> running = new LinkedHashMap<>();
        for (Check c : checks) {
            CompletableFuture<Boolean> f;
            try {
                f = c.start().get();
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            running.put(c.name(), f);
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Map<String, String> states = new LinkedHashMap<>();
        boolean ready = true;
        for (Map.Entry<String, CompletableFuture<Boolean>> e : running.entrySet()) {
            String state = await(e.getKey(), e.getValue(), deadline);
            states.put(SecretRedactor.redact(e.getKey()), state);
            ready &= state.equals("up");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "ready" : "unavailable");
        body.put("checks", states);
        return Response.json(ready ? 200 : 503, body);
    }

    private static String await(String name, CompletableFuture<Boolean> f, long deadline) {
        try {
            boolean up = Boolean.TRUE.equals(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            if (!up) {
                log.warn("readiness check '{}' answered false", SecretRedactor.redact(name));
            }
            return up ? "up" : "down";
        } catch (TimeoutException e) {
            log.warn("readiness check '{}' did not answer within {}", SecretRedactor.redact(name), TIMEOUT);
            return "timeout";
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            log.warn("readiness check '{}' failed: {}: {}", SecretRedactor.redact(name), cause.getClass().getName(),
                    SecretRedactor.redact(cause.getMessage()));
            return "down";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "timeout";
        }
    }
}
