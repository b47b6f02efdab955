package io.fasterapi.web.internal.startup;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Work a start runs on a platform thread of its own while it goes on with other work, and waits for (or,
 * the warm-up, lets requests wait for: {@link WarmupGate}): a platform thread, not a virtual one, because the
 * work loads and initialises classes, which would pin a virtual thread's carrier.
 */
public final class StartupTask {
    private final FutureTask<Void> task;
    private final Thread thread;

    private StartupTask(FutureTask<Void> task, Thread thread) {
        this.task = task;
        this.thread = thread;
    }

    /** Starts {@code work} on a daemon platform thread named {@code threadName}. */
    public static StartupTask start(String threadName, Runnable work) {
        FutureTask<Void> task = new FutureTask<>(work, null);
        return new StartupTask(task, Thread.ofPlatform().daemon().name(threadName).start(task));
    }

    /** Whether the work has ended, successfully or not. */
    public boolean isDone() {
        return task.isDone();
    }

    /**
     * Waits for the work to end, successfully or not (its failure is for {@link #await} to throw), and for its
     * thread to end. An interrupt does not cut the wait short: the interrupt status is set again on return.
     */
    public void awaitEnd() {
        // the work first: a virtual thread parks here, where Thread.join (Object.wait) pins it before JDK 24
        try {
            await();
        } catch (RuntimeException | Error ignored) {
            // ended
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits at most {@code timeout} for the work to end, successfully or not; whether it has. An interrupt ends
     * the wait (the interrupt status is set again).
     */
    public boolean awaitEnd(Duration timeout) {
        try {
            task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException ended) {
            // failed (await throws it), or still running
        }
        return task.isDone();
    }

    /**
     * Waits for the work to end; its failure, if any, is thrown here. An interrupt does not cut the wait
     * short (the work is short): the interrupt status is set again on return.
     */
    public void await() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    task.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
