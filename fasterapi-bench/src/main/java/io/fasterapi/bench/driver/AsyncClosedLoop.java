package io.fasterapi.bench.driver;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * A closed loop over an asynchronous driver: keeps {@code inFlight} operations outstanding on one
 * connection, starting the next from each completion, until the time is up. Everything after the
 * start runs on the connection's event loop, so the counters need no synchronisation; the start
 * itself is handed to that loop too.
 */
final class AsyncClosedLoop implements Load {
    /** Starts one operation; calls {@code done} when its result has been read, or {@code failed}. */
    interface Call {
        void start(Runnable done, Consumer<Throwable> failed);
    }

    private final Executor loop;
    private final int inFlight;
    private final Call call;

    AsyncClosedLoop(Executor loop, int inFlight, Call call) {
        this.loop = loop;
        this.inFlight = inFlight;
        this.call = call;
    }

    @Override
    public Sample run(long nanos) throws InterruptedException {
        Run run = new Run(nanos);
        loop.execute(run::begin);
        run.finished.await();
        if (run.failure != null) {
            throw new IllegalStateException("the load failed", run.failure);
        }
        return new Sample(run.operations, run.elapsed, run.latencies);
    }

    private final class Run {
        final CountDownLatch finished = new CountDownLatch(1);
        final Latencies latencies = new Latencies();
        final long nanos;
        long start;
        long end;
        long operations;
        long elapsed;
        int active;
        volatile Throwable failure;

        Run(long nanos) {
            this.nanos = nanos;
        }

        void begin() {
            start = System.nanoTime();
            end = start + nanos;
            active = inFlight;
            for (int i = 0; i < inFlight; i++) {
                startOne();
            }
        }

        void startOne() {
            long t0 = System.nanoTime();
            call.start(() -> completed(t0), this::failed);
        }

        void completed(long t0) {
            long now = System.nanoTime();
            operations++;
            if (inFlight == 1) {
                latencies.add(now - t0);
            }
            if (now < end && failure == null) {
                startOne();
            } else if (--active == 0) {
                elapsed = now - start;
                finished.countDown();
            }
        }

        void failed(Throwable t) {
            failure = t;
            if (--active == 0) {
                elapsed = System.nanoTime() - start;
                finished.countDown();
            }
        }
    }
}
