package io.fasterapi.core;

import java.util.ArrayDeque;

/**
 * Bounds the stack depth of completion chains. Completing a future runs its continuations inline,
 * which may complete the next future, and so on; past {@link #MAX_DEPTH} nested notifications the
 * next one is queued and run by the outermost frame, so a chain of 100,000 continuations never
 * overflows the stack. One per thread: shard threads hold theirs in a field, others in a ThreadLocal.
 */
final class Trampoline {
    static final int MAX_DEPTH = 32;
    private static final ThreadLocal<Trampoline> OTHER_THREADS = ThreadLocal.withInitial(Trampoline::new);

    private int depth;
    private ArrayDeque<PendingFuture<?>> deferred;

    static Trampoline current() {
        return Thread.currentThread() instanceof ShardThread st ? st.trampoline : OTHER_THREADS.get();
    }

    void notify(PendingFuture<?> completed) {
        if (depth >= MAX_DEPTH) {
            if (deferred == null) {
                deferred = new ArrayDeque<>();
            }
            deferred.addLast(completed);
            return;
        }
        depth++;
        try {
            completed.runListeners();
            if (depth == 1 && deferred != null) {
                PendingFuture<?> next;
                while ((next = deferred.pollFirst()) != null) {
                    next.runListeners();
                }
            }
        } finally {
            depth--;
        }
    }
}
