package io.fasterapi.core;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The continuations behind {@link Future}'s operators. Each derived future is itself the
 * continuation registered on its source, so a pending {@code map} costs one object.
 */
final class Continuations {
    private static final Logger log = LoggerFactory.getLogger(Future.class);

    private Continuations() {
    }

    /** {@code source.map(fn)} while the source is pending. */
    static final class MapNode<T, R> extends PendingFuture<R> implements Continuation {
        private final Function<? super T, ? extends R> fn;

        MapNode(Shard owner, Function<? super T, ? extends R> fn) {
            super(owner);
            this.fn = fn;
        }

        @Override
        public void resume(Future<?> completed) {
            Object raw = completed.rawResult();
            if (raw instanceof Failure) {
                completeRaw(raw);
                return;
            }
            Object out;
            try {
                out = wrap(fn.apply(unwrap(raw)));
            } catch (Throwable t) {
                out = new Failure(t);
            }
            completeRaw(out);
        }
    }

    /** {@code source.flatMap(fn)}: resumed once by the source, then once by the inner future. */
    static final class FlatMapNode<T, R> extends PendingFuture<R> implements Continuation {
        private Function<? super T, ? extends Future<? extends R>> fn;

        FlatMapNode(Shard owner, Function<? super T, ? extends Future<? extends R>> fn) {
            super(owner);
            this.fn = fn;
        }

        @Override
        public void resume(Future<?> completed) {
            Function<? super T, ? extends Future<? extends R>> f = fn;
            Object raw = completed.rawResult();
            if (f == null || raw instanceof Failure) {
                completeRaw(raw);
                return;
            }
            fn = null;
            Future<? extends R> inner;
            try {
                inner = f.apply(unwrap(raw));
            } catch (Throwable t) {
                completeRaw(new Failure(t));
                return;
            }
            if (inner == null) {
                completeRaw(new Failure(new NullPointerException("flatMap function returned null")));
            } else {
                inner.addContinuation(this);
            }
        }
    }

    /** {@code source.recover(fn)} while the source is pending. */
    static final class RecoverNode<T> extends PendingFuture<T> implements Continuation {
        private final Function<? super Throwable, ? extends T> fn;

        RecoverNode(Shard owner, Function<? super Throwable, ? extends T> fn) {
            super(owner);
            this.fn = fn;
        }

        @Override
        public void resume(Future<?> completed) {
            Object raw = completed.rawResult();
            if (raw instanceof Failure f) {
                try {
                    raw = wrap(fn.apply(f.cause));
                } catch (Throwable t) {
                    raw = new Failure(t);
                }
            }
            completeRaw(raw);
        }
    }

    /** {@code onComplete(action)}: the action's exceptions are logged, never thrown into the loop. */
    record Callback<T>(BiConsumer<? super T, ? super Throwable> action) implements Continuation {
        @Override
        public void resume(Future<?> completed) {
            Object raw = completed.rawResult();
            try {
                if (raw instanceof Failure f) {
                    action.accept(null, f.cause);
                } else {
                    action.accept(Future.unwrap(raw), null);
                }
            } catch (Throwable t) {
                log.warn("onComplete callback threw; the exception is dropped", t);
            }
        }
    }

    /** Wakes a thread parked in {@link Future#await()}. */
    record Waiter(Thread thread) implements Continuation {
        @Override
        public void resume(Future<?> completed) {
            LockSupport.unpark(thread);
        }
    }
}
