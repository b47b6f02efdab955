package io.fasterapi.core;

import java.util.function.Function;

/** A future completed with a value at creation: immutable, owned by no shard, free to share. */
final class ReadyFuture<T> extends Future<T> {
    /** Stands for a null value in raw results, where null means "pending". */
    static final Object NULL_VALUE = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };
    static final ReadyFuture<Object> NULL = new ReadyFuture<>(null);

    private final T value;

    ReadyFuture(T value) {
        this.value = value;
    }

    @Override
    Object rawResult() {
        return value == null ? NULL_VALUE : value;
    }

    @Override
    Object settledResult() {
        return rawResult();
    }

    @Override
    Shard owner() {
        return null;
    }

    @Override
    void addContinuation(Continuation c) {
        c.resume(this);
    }

    // The ready path is kept small and monomorphic so the JIT can inline whole chains and
    // scalar-replace the intermediate futures.
    @Override
    public <R> Future<R> map(Function<? super T, ? extends R> fn) {
        R r;
        try {
            r = fn.apply(value);
        } catch (Throwable t) {
            return Future.failed(t);
        }
        return new ReadyFuture<>(r);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> Future<R> flatMap(Function<? super T, ? extends Future<? extends R>> fn) {
        Future<? extends R> next;
        try {
            next = fn.apply(value);
        } catch (Throwable t) {
            return Future.failed(t);
        }
        return next != null ? (Future<R>) next : Future.failed(new NullPointerException("flatMap function returned null"));
    }

    @Override
    public Future<T> recover(Function<? super Throwable, ? extends T> fn) {
        return this;
    }

    @Override
    public String toString() {
        return "Future[ready: " + value + "]";
    }
}
