package io.fasterapi.core;

import java.util.function.Function;

/** A future failed at creation: immutable, owned by no shard. */
final class FailedFuture<T> extends Future<T> {
    private final Failure failure;

    FailedFuture(Failure failure) {
        this.failure = failure;
    }

    @Override
    Object rawResult() {
        return failure;
    }

    @Override
    Object settledResult() {
        return failure;
    }

    @Override
    Shard owner() {
        return null;
    }

    @Override
    void addContinuation(Continuation c) {
        c.resume(this);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> Future<R> map(Function<? super T, ? extends R> fn) {
        return (Future<R>) this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> Future<R> flatMap(Function<? super T, ? extends Future<? extends R>> fn) {
        return (Future<R>) this;
    }

    @Override
    public String toString() {
        return "Future[failed: " + failure.cause + "]";
    }
}
