package io.fasterapi.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The result of an asynchronous computation, in the style of Seastar's futures.
 *
 * <p>A future belongs to the {@link Shard} (event loop) that completes it. Continuations
 * registered with {@link #map}, {@link #flatMap}, {@link #recover} and {@link #onComplete} run on
 * that shard's thread, in the order they were registered, or inline on the calling thread when the
 * future is already complete. On the owning shard no lock and no atomic instruction is used.
 * Chains of any length run without growing the stack without bound: deep completions are
 * trampolined.
 *
 * {@snippet :
 * Future<User> user = pg.execAsync("SELECT * FROM users WHERE id=$1", id)
 *                       .map(r -> r.one(User.class));
 * Future<List<QueryResult>> both = Future.whenAll(q1, q2);
 * User u = user.await();          // on a virtual thread; never on an event loop
 * }
 *
 * <p>An exception thrown inside a continuation fails the future that continuation derives, never
 * the event loop that runs it. An exception thrown by an {@link #onComplete} callback is logged.
 *
 * @param <T> the type of the value
 */
public abstract class Future<T> {

    Future() {
    }

    // ---------------------------------------------------------------- factories

    /** A future already completed with {@code value} (which may be null). Runs on any thread. */
    @SuppressWarnings("unchecked")
    public static <T> Future<T> ready(T value) {
        return value == null ? (Future<T>) ReadyFuture.NULL : new ReadyFuture<>(value);
    }

    /** A future already failed with {@code cause}. Runs on any thread. */
    public static <T> Future<T> failed(Throwable cause) {
        return new FailedFuture<>(new Failure(Objects.requireNonNull(cause, "cause")));
    }

    /**
     * A future completed by {@code stage}. When called on a shard, the future belongs to that shard,
     * so its continuations run back on it whatever thread completes the stage.
     */
    public static <T> Future<T> from(CompletionStage<T> stage) {
        Objects.requireNonNull(stage, "stage");
        Promise<T> promise = new Promise<>();
        stage.whenComplete((value, error) -> {
            if (error != null) {
                promise.fail(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            } else {
                promise.complete(value);
            }
        });
        return promise;
    }

    /**
     * Completes with every value, in argument order, when all complete; fails fast with the first
     * failure (the others still run to completion, their results are dropped).
     */
    @SafeVarargs
    public static <T> Future<List<T>> whenAll(Future<? extends T>... futures) {
        return Combiners.whenAll(List.of(futures));
    }

    /** As {@link #whenAll(Future[])}, for a list. An empty list gives an empty list at once. */
    public static <T> Future<List<T>> whenAll(List<? extends Future<? extends T>> futures) {
        return Combiners.whenAll(futures);
    }

    /** Completes as the first of {@code futures} completes, with its value or its failure. */
    @SafeVarargs
    public static <T> Future<T> whenAny(Future<? extends T>... futures) {
        return Combiners.whenAny(List.of(futures));
    }

    /** As {@link #whenAny(Future[])}, for a list; an empty list fails with IllegalArgumentException. */
    public static <T> Future<T> whenAny(List<? extends Future<? extends T>> futures) {
        return Combiners.whenAny(futures);
    }

    // ---------------------------------------------------------------- state

    /**
     * The raw outcome: null while pending, {@link Failure} when failed, {@link ReadyFuture#NULL_VALUE}
     * for a null value, else the value. Safe to read from any thread.
     */
    abstract Object rawResult();

    /** Runs {@code c} once this future completes: see the class comment for where and when. */
    abstract void addContinuation(Continuation c);

    /**
     * The outcome if continuations registered now would run inline and in order, else null. On a
     * foreign thread this is the published result.
     */
    abstract Object settledResult();

    /** The shard that owns this future, or null if it has none (ready, failed, or made off-loop). */
    abstract Shard owner();

    /** True once completed, successfully or not. Any thread. */
    public final boolean isDone() {
        return rawResult() != null;
    }

    /** True once completed with a value. Any thread. */
    public final boolean isSuccess() {
        Object r = rawResult();
        return r != null && !(r instanceof Failure);
    }

    /** True once failed. Any thread. */
    public final boolean isFailed() {
        return rawResult() instanceof Failure;
    }

    /** The cause if this future failed, else null. Any thread. */
    public final Throwable cause() {
        return rawResult() instanceof Failure f ? f.cause : null;
    }

    /**
     * The value of a successfully completed future. Any thread.
     *
     * @throws IllegalStateException if it is pending or failed
     */
    @SuppressWarnings("unchecked")
    public final T valueNow() {
        Object r = rawResult();
        if (r == null) {
            throw new IllegalStateException("future is not complete yet");
        }
        if (r instanceof Failure f) {
            throw new IllegalStateException("future failed", f.cause);
        }
        return r == ReadyFuture.NULL_VALUE ? null : (T) r;
    }

    // ---------------------------------------------------------------- continuations

    /** A future of {@code fn} applied to this value; a failure or a throwing {@code fn} fails it. */
    public <R> Future<R> map(Function<? super T, ? extends R> fn) {
        Objects.requireNonNull(fn, "fn");
        Object r = settledResult();
        if (r != null) {
            return mapNow(r, fn);
        }
        Continuations.MapNode<T, R> node = new Continuations.MapNode<>(owner(), fn);
        addContinuation(node);
        return node;
    }

    /** The future that {@code fn} returns for this value: chains asynchronous steps. */
    @SuppressWarnings("unchecked")
    public <R> Future<R> flatMap(Function<? super T, ? extends Future<? extends R>> fn) {
        Objects.requireNonNull(fn, "fn");
        Object r = settledResult();
        if (r != null) {
            if (r instanceof Failure) {
                return (Future<R>) failedWith((Failure) r);
            }
            try {
                Future<? extends R> next = fn.apply(unwrap(r));
                return next != null ? (Future<R>) next : failed(new NullPointerException("flatMap function returned null"));
            } catch (Throwable t) {
                return failed(t);
            }
        }
        Continuations.FlatMapNode<T, R> node = new Continuations.FlatMapNode<>(owner(), fn);
        addContinuation(node);
        return node;
    }

    /** A future with this value, or with {@code fn} of the failure: turns a failure into a value. */
    public Future<T> recover(Function<? super Throwable, ? extends T> fn) {
        Objects.requireNonNull(fn, "fn");
        Object r = settledResult();
        if (r != null) {
            if (!(r instanceof Failure f)) {
                return this;
            }
            try {
                return ready(fn.apply(f.cause));
            } catch (Throwable t) {
                return failed(t);
            }
        }
        Continuations.RecoverNode<T> node = new Continuations.RecoverNode<>(owner(), fn);
        addContinuation(node);
        return node;
    }

    /**
     * Calls {@code action} with (value, null) or (null, cause) when this completes, and returns this
     * future. An exception from {@code action} is logged, never propagated.
     */
    public Future<T> onComplete(BiConsumer<? super T, ? super Throwable> action) {
        Objects.requireNonNull(action, "action");
        addContinuation(new Continuations.Callback<>(action));
        return this;
    }

    /** Calls {@code action} with the value if this completes successfully; returns this future. */
    public Future<T> onSuccess(Consumer<? super T> action) {
        Objects.requireNonNull(action, "action");
        return onComplete((v, e) -> {
            if (e == null) {
                action.accept(v);
            }
        });
    }

    /** Calls {@code action} with the cause if this fails; returns this future. */
    public Future<T> onFailure(Consumer<? super Throwable> action) {
        Objects.requireNonNull(action, "action");
        return onComplete((v, e) -> {
            if (e != null) {
                action.accept(e);
            }
        });
    }

    // ---------------------------------------------------------------- blocking bridges

    /**
     * Waits for the value, parking the calling (virtual or platform) thread.
     *
     * <p>A {@link RuntimeException} or {@link Error} that failed the future is thrown as is; a
     * checked exception is thrown wrapped in a {@link CompletionException}.
     *
     * <p>Uninterruptible, as {@link CompletableFuture#join()}: an interrupt does not end the wait (the
     * computation it waits for would go on regardless); the thread's interrupt status is kept and set
     * again when the value arrives, and the thread stays parked meanwhile.
     *
     * @throws IllegalStateException when called on an event-loop thread, where waiting would stall
     *         every connection of that loop: return the future (or chain it) instead
     */
    public final T await() {
        Object r = rawResult();
        if (r == null) {
            EventLoops.checkMayBlock("Future.await()");
            r = park(0L);
        }
        return unwrapOrThrow(r);
    }

    /**
     * As {@link #await()}, giving up after {@code timeout}.
     *
     * @throws AwaitTimeoutException when {@code timeout} passes first (the computation goes on)
     */
    public final T await(Duration timeout) {
        Object r = rawResult();
        if (r == null) {
            EventLoops.checkMayBlock("Future.await(Duration)");
            long nanos = Math.max(1L, timeout.toNanos());
            r = park(nanos);
            if (r == null) {
                throw new AwaitTimeoutException("future not complete after " + timeout);
            }
        }
        return unwrapOrThrow(r);
    }

    /** A {@link CompletableFuture} completed with this future's outcome. */
    public CompletionStage<T> toCompletionStage() {
        CompletableFuture<T> cf = new CompletableFuture<>();
        onComplete((v, e) -> {
            if (e != null) {
                cf.completeExceptionally(e);
            } else {
                cf.complete(v);
            }
        });
        return cf;
    }

    // ---------------------------------------------------------------- internals shared by subclasses

    /**
     * Parks until the result is published. The waiter's unpark normally ends each park; the park is
     * also bounded by {@link #RECHECK_NANOS} because, under heavy contention (16 virtual threads
     * awaiting on one loop, millions of calls), a wake-up was seen to go missing with the result
     * already published, leaving the thread parked for good. Re-checking bounds that at a few
     * milliseconds instead of forever; see AwaitStressTest.
     */
    private Object park(long timeoutNanos) {
        Continuations.Waiter waiter = new Continuations.Waiter(Thread.currentThread());
        addContinuation(waiter);
        long deadline = timeoutNanos == 0L ? 0L : System.nanoTime() + timeoutNanos;
        // A pending interrupt makes every park return at once: cleared while waiting (or the loops
        // below would spin on a core until the result came), set again before returning.
        boolean interrupted = Thread.interrupted();
        try {
            Object r;
            if (deadline == 0L && Shard.currentThreadLoopCarried()) {
                // No re-check timer here: a timed park of a virtual thread arms (and then cancels) a task
                // of the JDK's delayed-task scheduler, another thread, on every query; the loop-carried
                // path is what LoopCarrierAwaitStressTest runs.
                while ((r = rawResult()) == null) {
                    LockSupport.park(this);
                    interrupted |= Thread.interrupted();
                }
                return r;
            }
            while ((r = rawResult()) == null) {
                long wait = RECHECK_NANOS;
                if (deadline != 0L) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0L) {
                        return null;
                    }
                    wait = Math.min(wait, left);
                }
                LockSupport.parkNanos(this, wait);
                interrupted |= Thread.interrupted();
            }
            return r;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final long RECHECK_NANOS = 5_000_000L;

    @SuppressWarnings("unchecked")
    static <T> T unwrap(Object raw) {
        return raw == ReadyFuture.NULL_VALUE ? null : (T) raw;
    }

    static Object wrap(Object value) {
        return value == null ? ReadyFuture.NULL_VALUE : value;
    }

    static <T> T unwrapOrThrow(Object raw) {
        if (raw instanceof Failure f) {
            Throwable t = f.cause;
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error err) {
                throw err;
            }
            throw new CompletionException(t);
        }
        return unwrap(raw);
    }

    static <T> Future<T> failedWith(Failure f) {
        return new FailedFuture<>(f);
    }

    /** Builds the settled future of {@code fn} applied to a settled raw result. */
    @SuppressWarnings("unchecked")
    static <T, R> Future<R> mapNow(Object raw, Function<? super T, ? extends R> fn) {
        if (raw instanceof Failure f) {
            return failedWith(f);
        }
        try {
            return ready(fn.apply(unwrap(raw)));
        } catch (Throwable t) {
            return failed(t);
        }
    }
}
