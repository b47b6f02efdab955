package io.fasterapi.web.internal.background;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The app's account of background tasks: how many each core has pending (added, not yet finished)
 * against the per-core limit, the total a graceful stop waits for, and the outcome counters. Any
 * thread; a core's count is touched by its own requests, so the counters rarely contend.
 */
public final class BackgroundTaskQueue {
    private static final int SLOTS = 256; // shards are at most one per core; ids beyond wrap around

    private final AtomicIntegerArray pendingPerCore = new AtomicIntegerArray(SLOTS);
    private final AtomicInteger pending = new AtomicInteger();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder discarded = new LongAdder();
    private volatile int limitPerCore = 10_000;

    /** Sets the most tasks one core may hold pending. */
    public void limitPerCore(int limit) {
        this.limitPerCore = limit;
    }

    /** Counts one more pending task on {@code core}; false (and counted as rejected) when the core is full. */
    boolean reserve(int core) {
        int slot = core & (SLOTS - 1);
        int limit = limitPerCore;
        while (true) {
            int now = pendingPerCore.get(slot);
            if (now >= limit) {
                rejected.increment();
                return false;
            }
            if (pendingPerCore.compareAndSet(slot, now, now + 1)) {
                pending.incrementAndGet();
                return true;
            }
        }
    }

    /** One pending task of {@code core} has ended (run, failed or discarded). */
    void release(int core) {
        pendingPerCore.decrementAndGet(core & (SLOTS - 1));
        pending.decrementAndGet(); // awaitIdle polls: a stop is rare, and the request path takes no lock
    }

    void completed() {
        completed.increment();
    }

    void failed() {
        failed.increment();
    }

    void discarded() {
        discarded.increment();
    }

    /** Tasks added and not yet finished, on every core. */
    public int pending() {
        return pending.get();
    }

    /**
     * Waits until no task is pending or {@code deadlineNanos} ({@link System#nanoTime}) passes;
     * returns the number still pending. For the stopping thread.
     */
    public int awaitIdle(long deadlineNanos) throws InterruptedException {
        while (pending.get() > 0 && System.nanoTime() < deadlineNanos) {
            Thread.sleep(5);
        }
        return pending.get();
    }

    /** Publishes the gauge and counters to {@code registry}. */
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("fasterapi.background.tasks.pending", pending, AtomicInteger::get)
                .description("background tasks added and not yet finished").register(registry);
        counter(registry, "completed", completed);
        counter(registry, "failed", failed);
        counter(registry, "rejected", rejected);
        counter(registry, "discarded", discarded);
    }

    private static void counter(MeterRegistry registry, String outcome, LongAdder adder) {
        FunctionCounter.builder("fasterapi.background.tasks", adder, LongAdder::sum)
                .tag("outcome", outcome).description("background tasks by outcome").register(registry);
    }
}
