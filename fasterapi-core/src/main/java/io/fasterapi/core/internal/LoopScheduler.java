package io.fasterapi.core.internal;

import io.netty.channel.EventLoop;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;

/**
 * The scheduler of a shard's loop-carried virtual threads: each continuation becomes a task of the
 * shard's event loop, so the loop thread is the carrier and a virtual thread resumed by a loop task
 * (the answer to its query) needs no wake-up of another thread.
 *
 * <p>Once the loop has shut down it rejects tasks; a virtual thread still parked then (say, awaiting
 * a future its dead loop will never complete, until its deadline) must still run to its end, so its
 * continuation goes to the common pool instead. Any thread.
 */
public final class LoopScheduler implements Executor {
    private final EventLoop loop;

    public LoopScheduler(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public void execute(Runnable continuation) {
        try {
            loop.execute(continuation);
        } catch (RejectedExecutionException loopGone) {
            ForkJoinPool.commonPool().execute(continuation);
        }
    }
}
