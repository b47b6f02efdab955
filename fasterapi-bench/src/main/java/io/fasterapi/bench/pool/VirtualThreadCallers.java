package io.fasterapi.bench.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * {@code threads} virtual threads, each acquiring and releasing in a closed loop until the time is
 * up, every acquire+release timed on its own; the latencies of all threads merged. A caller still
 * busy {@link #STALL_SECONDS} after the time is up fails the run, with the thread's stack and
 * {@code state} (the pool's stats): a lost wake-up must not hang the benchmark.
 */
final class VirtualThreadCallers {
    /** One blocking acquire and release. */
    interface AcquireRelease {
        void run() throws Exception;
    }

    static final long STALL_SECONDS = 60;

    private VirtualThreadCallers() {
    }

    static LatencyHistogram run(int threads, long nanos, AcquireRelease body, Supplier<String> state)
            throws InterruptedException {
        List<LatencyHistogram> perThread = new ArrayList<>();
        List<Thread> started = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long end = System.nanoTime() + nanos;
        for (int t = 0; t < threads; t++) {
            LatencyHistogram mine = new LatencyHistogram();
            perThread.add(mine);
            started.add(Thread.ofVirtual().name("bench-caller-" + t).start(() -> {
                try {
                    long now = System.nanoTime();
                    while (now < end) {
                        body.run();
                        long after = System.nanoTime();
                        mine.add(after - now);
                        now = after;
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (Thread t : started) {
            if (!t.join(java.time.Duration.ofNanos(Math.max(0, end - System.nanoTime())).plusSeconds(STALL_SECONDS))) {
                IllegalStateException stall = new IllegalStateException(t.getName() + " stalled in acquire+release for over "
                        + STALL_SECONDS + " s; " + state.get());
                stall.setStackTrace(t.getStackTrace());
                throw stall;
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a caller failed", failure.get());
        }
        LatencyHistogram all = new LatencyHistogram();
        perThread.forEach(all::addAll);
        return all;
    }
}
