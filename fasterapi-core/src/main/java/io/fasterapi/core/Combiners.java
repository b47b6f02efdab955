package io.fasterapi.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** {@link Future#whenAll} and {@link Future#whenAny}. */
final class Combiners {
    private Combiners() {
    }

    @SuppressWarnings("unchecked")
    static <T> Future<List<T>> whenAll(List<? extends Future<? extends T>> futures) {
        int n = futures.size();
        if (n == 0) {
            return Future.ready(List.of());
        }
        Object[] values = new Object[n];
        boolean allSettled = true;
        for (int i = 0; i < n && allSettled; i++) {
            Object r = futures.get(i).settledResult();
            if (r instanceof Failure f) {
                return Future.failedWith(f);
            }
            if (r == null) {
                allSettled = false;
            } else {
                values[i] = Future.unwrap(r);
            }
        }
        if (allSettled) {
            return Future.ready((List<T>) Collections.unmodifiableList(Arrays.asList(values)));
        }
        WhenAll<T> all = new WhenAll<>(Shard.current(), n);
        for (int i = 0; i < n; i++) {
            futures.get(i).addContinuation(new Slot(all, i));
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    static <T> Future<T> whenAny(List<? extends Future<? extends T>> futures) {
        if (futures.isEmpty()) {
            return Future.failed(new IllegalArgumentException("whenAny of no futures"));
        }
        for (Future<? extends T> f : futures) {
            if (f.settledResult() != null) {
                return (Future<T>) f;
            }
        }
        WhenAny<T> any = new WhenAny<>(Shard.current());
        for (Future<? extends T> f : futures) {
            f.addContinuation(any);
        }
        return any;
    }

    /** Collects n results; counts on its owner's thread, or atomically when it has no owner. */
    static final class WhenAll<T> extends PendingFuture<List<T>> {
        private static final VarHandle REMAINING;

        static {
            try {
                REMAINING = MethodHandles.lookup().findVarHandle(WhenAll.class, "remaining", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final Object[] values;
        private int remaining;

        WhenAll(Shard owner, int n) {
            super(owner);
            this.values = new Object[n];
            this.remaining = n;
        }

        void arrive(int index, Object raw) {
            Shard o = owner();
            if (o != null && !o.inLoop()) {
                o.execute(() -> arrive(index, raw));
                return;
            }
            if (raw instanceof Failure) {
                completeRaw(raw); // the first failure wins; later outcomes are ignored
                return;
            }
            values[index] = unwrap(raw);
            boolean last = o != null ? --remaining == 0 : (int) REMAINING.getAndAdd(this, -1) == 1;
            if (last) {
                completeRaw(Collections.unmodifiableList(Arrays.asList(values)));
            }
        }
    }

    record Slot(WhenAll<?> all, int index) implements Continuation {
        @Override
        public void resume(Future<?> completed) {
            all.arrive(index, completed.rawResult());
        }
    }

    static final class WhenAny<T> extends PendingFuture<T> implements Continuation {
        WhenAny(Shard owner) {
            super(owner);
        }

        @Override
        public void resume(Future<?> completed) {
            completeRaw(completed.rawResult());
        }
    }
}
