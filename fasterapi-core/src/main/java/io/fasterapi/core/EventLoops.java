package io.fasterapi.core;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;

/** Knows whether the current thread is an event loop, where blocking is a programming error. */
final class EventLoops {
    private EventLoops() {
    }

    static boolean onEventLoop() {
        Thread t = Thread.currentThread();
        if (t instanceof ShardThread) {
            return true;
        }
        EventExecutor e = ThreadExecutorMap.currentExecutor();
        return e != null && e.inEventLoop();
    }

    static void checkMayBlock(String what) {
        if (onEventLoop()) {
            throw new IllegalStateException(what + " called on event-loop thread '" + Thread.currentThread().getName()
                    + "': blocking here would stall every connection of this loop. Return the Future from the"
                    + " handler (or chain it with map/flatMap) instead, or run the blocking code on a virtual thread.");
        }
    }
}
