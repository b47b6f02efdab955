package io.fasterapi.bench.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * {@code threads} virtual threads, each acquiring and releasing in a closed loop until the time is
 * up, every acquire+release timed on its own; the latencies of all threads merged. A caller still
 * busy {@link #STALL} after the time is up (longer than the pools' 30 s acquire timeout, so no
 * longer a slow call but a lost wake-up) is abandoned and reported with its stack and
 * {@code state} (the pool's stats), and the run goes on without it.
 */
final class VirtualThreadCallers {
    static final Duration STALL = Duration.ofSeconds(35);

    /** One blocking acquire and release. */
    interface AcquireRelease {
        void run() throws Exception;
    }

    /** The latencies of the calls that returned, and one line per caller that never did. */
    record Outcome(LatencyHistogram latencies, List<String> stalls) {
    }

    private VirtualThreadCallers() {
    }

    static Outcome run(int threads, long nanos, AcquireRelease body, Supplier<String> state) throws InterruptedException {
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
        List<String> stalls = new ArrayList<>();
        LatencyHistogram all = new LatencyHistogram();
        for (int t = 0; t < threads; t++) {
            Thread caller = started.get(t);
            if (caller.join(Duration.ofNanos(Math.max(0, end - System.nanoTime())).plus(STALL))) {
                all.addAll(perThread.get(t));
            } else {
                String stall = caller.getName() + " (" + threads + " callers) never returned from acquire+release (over "
                        + STALL.toSeconds() + " s); " + state.get();
                System.out.println("STALL: " + stall);
                for (StackTraceElement e : caller.getStackTrace()) {
                    System.out.println("    at " + e);
                }
                stalls.add(stall);
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a caller failed", failure.get());
        }
        return new Outcome(all, stalls);
    }
}
