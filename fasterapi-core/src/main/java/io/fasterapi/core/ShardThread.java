package io.fasterapi.core;

import io.netty.util.concurrent.FastThreadLocalThread;

/** The platform thread of one shard's event loop; it carries the shard and its trampoline. */
final class ShardThread extends FastThreadLocalThread {
    final Trampoline trampoline = new Trampoline();
    volatile Shard shard;

    ShardThread(Runnable task, String name) {
        super(null, task, name);
        setDaemon(false);
    }
}
