package io.fasterapi.core;

import io.fasterapi.core.internal.LoopCarriedThreads;
import io.fasterapi.core.internal.LoopScheduler;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One event loop of a {@link Reactor}: a platform thread that owns its connections, pools and
 * futures. Nothing on a shard is shared with another shard on the hot path; work crosses shards only
 * through {@link #execute} and {@link #submit} (one MPSC hand-off).
 *
 * <p>Blocking on a shard's thread is a programming error; {@link #checkMayBlock(String)} is how the
 * blocking APIs of FasterAPI refuse it.
 */
public final class Shard {
    /**
     * The shard that started this virtual thread ({@link #startVirtualThread}); with
     * {@link VirtualThreads#LOOP} that shard's loop thread is also its carrier.
     */
    private static final ThreadLocal<Shard> HOME = new ThreadLocal<>();

    private final int id;
    private final Reactor reactor;
    private final EventLoop loop;
    /** Makes this shard's loop-carried virtual threads; null when they run on the JDK's scheduler. */
    private final ThreadFactory loopCarried;
    private volatile Thread thread;

    Shard(int id, Reactor reactor, EventLoop loop, VirtualThreads virtualThreads) {
        this.id = id;
        this.reactor = reactor;
        this.loop = loop;
        this.loopCarried = virtualThreads == VirtualThreads.LOOP
                ? LoopCarriedThreads.factory("shard-" + id + "-vt@loop", new LoopScheduler(loop))
                : null;
    }

    void bindThread(Thread t) {
        this.thread = t;
    }

    /** The shard whose event loop runs the calling thread, or null off the loops. Any thread. */
    public static Shard current() {
        return Thread.currentThread() instanceof ShardThread st ? st.shard : null;
    }

    /**
     * The shard the calling code has affinity with: the current loop's shard, else the shard that
     * started this virtual thread with {@link #startVirtualThread}, else null. Pools use it so a
     * blocking handler's queries run on the shard of its request.
     */
    public static Shard affine() {
        Shard s = current();
        return s != null ? s : HOME.get();
    }

    /** True when the calling thread is an event loop (ours or any Netty loop). Any thread. */
    public static boolean onEventLoop() {
        return EventLoops.onEventLoop();
    }

    /**
     * Throws {@link IllegalStateException} naming {@code operation} and the fix when called on an
     * event loop, where blocking would stall every connection of that loop. Any thread.
     */
    public static void checkMayBlock(String operation) {
        EventLoops.checkMayBlock(operation);
    }

    /** This shard's index in its reactor, from 0. */
    public int id() {
        return id;
    }

    /** The reactor this shard belongs to. */
    public Reactor reactor() {
        return reactor;
    }

    /** The Netty event loop behind this shard, for integrations that register channels on it. */
    public EventLoop eventLoop() {
        return loop;
    }

    /** True when the calling thread is this shard's loop. Any thread; one reference compare. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * True when the calling thread is a virtual thread that this shard's loop thread carries
     * ({@link VirtualThreads#LOOP}). Such a thread may block (it parks, freeing the loop), and it is
     * not {@link #inLoop()}: it must not act on loop-confined state across a park. Between two parks
     * it runs alone on the loop thread, as a loop task does, so code that neither parks nor lets
     * another thread in may touch loop-confined state, as {@link Future#await()} does to register its
     * wake-up without a hop. Any thread.
     */
    public boolean carriesCurrentThread() {
        return loopCarried != null && HOME.get() == this;
    }

    /** True in a virtual thread carried by some shard's loop. Any thread. */
    static boolean currentThreadLoopCarried() {
        Shard home = HOME.get();
        return home != null && home.loopCarried != null;
    }

    /** How this shard's virtual threads are carried: {@link VirtualThreads#LOOP} or {@link VirtualThreads#JDK}. */
    public VirtualThreads virtualThreads() {
        return loopCarried != null ? VirtualThreads.LOOP : VirtualThreads.JDK;
    }

    /** Runs {@code task} on this shard's loop, later (never inline). Any thread. */
    public void execute(Runnable task) {
        loop.execute(task);
    }

    /**
     * Runs {@code task} on this shard's loop and completes the returned future (owned by this shard)
     * with its result or exception. After shutdown the future fails with RejectedExecutionException.
     */
    public <T> Future<T> submit(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        Promise<T> promise = new Promise<>(this);
        try {
            loop.execute(() -> {
                T value;
                try {
                    value = task.call();
                } catch (Throwable t) {
                    promise.fail(t);
                    return;
                }
                promise.complete(value);
            });
        } catch (RuntimeException rejected) {
            return Future.failed(rejected);
        }
        return promise;
    }

    /** Runs {@code task} on this shard's loop and follows the future it returns. */
    public <T> Future<T> submitAsync(Supplier<? extends Future<? extends T>> task) {
        Objects.requireNonNull(task, "task");
        Promise<T> promise = new Promise<>(this);
        try {
            loop.execute(() -> {
                try {
                    promise.completeWith(task.get());
                } catch (Throwable t) {
                    promise.fail(t);
                }
            });
        } catch (RuntimeException rejected) {
            return Future.failed(rejected);
        }
        return promise;
    }

    /** Runs {@code task} on this shard's loop after {@code delay}. Any thread. */
    public Cancellable schedule(Duration delay, Runnable task) {
        io.netty.util.concurrent.ScheduledFuture<?> f = loop.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    /** A future, owned by this shard, completed with null after {@code delay}. */
    public Future<Void> delay(Duration delay) {
        Promise<Void> promise = new Promise<>(this);
        loop.schedule(() -> promise.complete(null), delay.toNanos(), TimeUnit.NANOSECONDS);
        return promise;
    }

    /**
     * Starts a virtual thread for blocking code whose {@link #affine()} shard is this one, so the
     * blocking calls it makes stay on this core. With {@link VirtualThreads#LOOP} (the default where
     * the JVM allows it) its carrier is this shard's loop thread: see there for what that asks of
     * the code it runs.
     */
    public Thread startVirtualThread(Runnable task) {
        Objects.requireNonNull(task, "task");
        Runnable affine = () -> runWithAffinity(task);
        if (loopCarried == null) {
            return Thread.ofVirtual().name("shard-" + id + "-vt").start(affine);
        }
        Thread t = loopCarried.newThread(affine);
        t.start();
        return t;
    }

    /**
     * Runs {@code task} on the calling thread with this shard as its {@link #affine()} one (as on a thread
     * from {@link #startVirtualThread}), so the blocking calls it makes stay on this core; then gives the
     * thread back the affinity it had. For a platform thread that runs a request's blocking code.
     */
    public void runWithAffinity(Runnable task) {
        Objects.requireNonNull(task, "task");
        Shard before = HOME.get();
        HOME.set(this);
        try {
            task.run();
        } finally {
            if (before == null) {
                HOME.remove();
            } else {
                HOME.set(before);
            }
        }
    }

    @Override
    public String toString() {
        return "Shard[" + id + "]";
    }
}
