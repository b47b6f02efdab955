package io.fasterapi.web.internal.startup;

import io.fasterapi.core.Shard;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The start's warm-up as a running server sees it, and where its blocking handlers run. The server listens
 * while the warm-up still runs (no first answer needs it: what it builds is otherwise built on first use).
 * A blocking handler runs on a virtual thread of its request's shard once the warm-up has ended; while it
 * runs, at once on a platform thread of its own, with the request's shard as its {@link Shard#affine()} one:
 * a virtual thread initialising one of the warm-up's classes while the warm-up does would pin its carrier
 * (with loop-carried virtual threads, an event loop) for as long, where a platform thread waiting for a
 * class's initialisation pins nothing. A new thread per handler, as a virtual thread is, so no thread-local
 * value passes from one request to the next. Beyond {@value #START_THREADS} such handlers at once, the next
 * waits for the warm-up's end on its virtual thread, parked, its carrier free. Handlers on a loop never wait.
 */
public final class WarmupGate {
    /** Blocking handlers that run at once during the warm-up; more wait for its end. */
    static final int START_THREADS = 4;

    private final StartupTask warmup;
    private final AtomicInteger startThreads = new AtomicInteger();

    private WarmupGate(StartupTask warmup) {
        this.warmup = warmup;
    }

    /** A gate that opens when {@code warmup} ends, whether it succeeded or not. */
    public static WarmupGate after(StartupTask warmup) {
        return new WarmupGate(warmup);
    }

    /**
     * Runs the blocking handler {@code task} for a request of {@code shard}: on a virtual thread of the shard
     * once the warm-up has ended, else on a platform thread of its own, else (too many of those) on a virtual
     * thread once the warm-up ends. Returns at once. Loop or any thread.
     */
    public void runBlocking(Shard shard, Runnable task) {
        if (warmup.isDone()) {
            shard.startVirtualThread(task);
        } else if (startThreads.incrementAndGet() <= START_THREADS) {
            Thread.ofPlatform().daemon().name("fasterapi-start-handler").start(() -> {
                try {
                    shard.runWithAffinity(task);
                } finally {
                    startThreads.decrementAndGet();
                }
            });
        } else {
            startThreads.decrementAndGet();
            shard.startVirtualThread(() -> {
                pass();
                task.run();
            });
        }
    }

    /** Returns at once once the warm-up has ended; until then, waits for it to end. */
    public void pass() {
        if (!warmup.isDone()) {
            warmup.awaitEnd();
        }
    }

    /** Waits at most {@code timeout} for the warm-up to end; whether it has. */
    public boolean awaitOpen(Duration timeout) {
        return warmup.isDone() || warmup.awaitEnd(timeout);
    }

    /** Whether the warm-up has ended (and {@link #pass} returns at once). */
    public boolean isOpen() {
        return warmup.isDone();
    }
}
