package io.fasterapi.web.internal.json;

import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.FastThreadLocalThread;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.core.util.RecyclerPool;

/**
 * Jackson's buffer recyclers (the byte and char buffers behind every parser and generator): each
 * event-loop thread keeps one of its own, taken and given back without synchronisation, while any
 * other thread (the virtual threads of blocking handlers) shares Jackson's default concurrent pool.
 * Every JSON response on a loop takes and returns a recycler; through the shared deque that was a
 * few percent of a json server's CPU in the profile. A loop thread asking again before it gave its
 * recycler back (a serializer writing JSON of its own) gets a fresh one, and the spare is dropped.
 */
final class LoopLocalRecyclerPool implements RecyclerPool<BufferRecycler> {
    private static final long serialVersionUID = 1L;
    private static final FastThreadLocal<BufferRecycler> KEPT = new FastThreadLocal<>();

    private final RecyclerPool<BufferRecycler> others = JsonRecyclerPools.newConcurrentDequePool();

    @Override
    public BufferRecycler acquirePooled() {
        if (Thread.currentThread() instanceof FastThreadLocalThread) {
            BufferRecycler kept = KEPT.get();
            if (kept != null) {
                KEPT.set(null);
                return kept;
            }
            return new BufferRecycler();
        }
        return others.acquirePooled();
    }

    @Override
    public void releasePooled(BufferRecycler recycler) {
        if (Thread.currentThread() instanceof FastThreadLocalThread) {
            if (KEPT.get() == null) {
                KEPT.set(recycler);
            }
            return;
        }
        others.releasePooled(recycler);
    }
}
