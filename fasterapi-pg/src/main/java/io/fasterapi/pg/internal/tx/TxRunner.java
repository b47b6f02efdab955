package io.fasterapi.pg.internal.tx;

import io.fasterapi.core.Future;
import io.fasterapi.core.Promise;
import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgException;
import io.fasterapi.pg.Tx;
import io.fasterapi.pg.TxOptions;
import io.fasterapi.pg.internal.tracing.PgTracer;
import io.fasterapi.pg.internal.tracing.TraceScope;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Runs a transaction body with retries on 40001 (serialization failure) and 40P01 (deadlock), the
 * two SQLSTATEs after which re-running the whole transaction can succeed. Nothing else is retried:
 * not connection failures (the body may have had effects we cannot see) and never an unknown
 * COMMIT outcome.
 */
public final class TxRunner {
    private static final long FIRST_PAUSE_NANOS = Duration.ofMillis(5).toNanos();
    private static final long MAX_PAUSE_NANOS = Duration.ofMillis(500).toNanos();

    private TxRunner() {
    }

    /** True when {@code e} or one of its causes is 40001 or 40P01. */
    public static boolean retryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PgException pe && ("40001".equals(pe.code()) || "40P01".equals(pe.code()))) {
                return true;
            }
        }
        return false;
    }

    /** Blocking: from a virtual thread. {@code tracer}: null when the pool does not trace. */
    public static <T> T run(Pg pg, TxOptions options, Function<Tx, T> body, PgTracer tracer) {
        for (int attempt = 0;; attempt++) {
            PgTx tx = PgTx.begin(pg, options.beginSql(), tracer).await();
            try {
                T value;
                try (TraceScope ignored = tx.enter()) {
                    value = body.apply(tx);
                }
                if (tx.isActive()) {
                    tx.commit();
                }
                return value;
            } catch (RuntimeException | Error e) {
                tx.failed(e);
                PgTx.rollbackQuietly(tx, e);
                if (attempt >= options.retries() || !retryable(e) || !pg.isOpen()) {
                    throw e;
                }
            }
            pause(attempt);
        }
    }

    /**
     * The pause before re-run {@code attempt + 1}: 5 ms doubling up to 500 ms, jittered (between half and
     * all of it) so that colliding transactions part.
     */
    static Duration retryPause(int attempt) {
        long ceiling = Math.min(MAX_PAUSE_NANOS, FIRST_PAUSE_NANOS << Math.min(attempt, 30));
        long half = ceiling / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(retryPause(attempt));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new PgException("interrupted while waiting to retry a transaction", ie);
        }
    }

    /**
     * Async: any thread; the result completes on the connection's shard. {@code tracer}: null when the
     * pool does not trace; else each attempt's span is current while {@code body} runs, and the caller's
     * context while the attempts begin (they begin in continuations, where nothing else is current).
     */
    public static <T> Future<T> runAsync(Pg pg, TxOptions options, Function<Tx, Future<T>> body, PgTracer tracer) {
        Promise<T> result = new Promise<>(pg.shard());
        attempt(pg, options, body, 0, result, tracer, tracer == null ? null : tracer.current());
        return result;
    }

    private static <T> void attempt(Pg pg, TxOptions options, Function<Tx, Future<T>> body, int attempt,
            Promise<T> result, PgTracer tracer, Object caller) {
        Future<PgTx> begun = tracer == null ? PgTx.begin(pg, options.beginSql(), null)
                : tracer.inContext(caller, () -> PgTx.begin(pg, options.beginSql(), tracer));
        begun.onComplete((tx, beginError) -> {
            if (beginError != null) {
                result.fail(beginError);
                return;
            }
            Future<T> f;
            try (TraceScope ignored = tx.enter()) {
                f = body.apply(tx);
            } catch (RuntimeException e) {
                f = Future.failed(e);
            }
            f.onComplete((value, e) -> {
                if (e == null) {
                    Future<Void> end = tx.isActive() ? tx.commitAsync() : Future.ready(null);
                    end.onComplete((v, commitError) -> {
                        if (commitError == null) {
                            result.complete(value);
                        } else {
                            retryOrFail(pg, options, body, attempt, result, commitError, tracer, caller);
                        }
                    });
                    return;
                }
                tx.failed(e);
                Future<Void> rb = tx.isActive() ? tx.rollbackAsync() : Future.ready(null);
                rb.onComplete((v, rollbackError) -> {
                    if (rollbackError != null) {
                        e.addSuppressed(rollbackError);
                    }
                    retryOrFail(pg, options, body, attempt, result, e, tracer, caller);
                });
            });
        });
    }

    private static <T> void retryOrFail(Pg pg, TxOptions options, Function<Tx, Future<T>> body, int attempt,
            Promise<T> result, Throwable e, PgTracer tracer, Object caller) {
        if (attempt >= options.retries() || !retryable(e) || !pg.isOpen()) {
            result.fail(e);
            return;
        }
        pg.shard().delay(retryPause(attempt))
                .onComplete((v, x) -> attempt(pg, options, body, attempt + 1, result, tracer, caller));
    }
}
