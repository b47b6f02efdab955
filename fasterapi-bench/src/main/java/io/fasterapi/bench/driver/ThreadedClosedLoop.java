package io.fasterapi.bench.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * A closed loop over a blocking driver: {@code threads} threads each run one operation
 * after another until the time is up (a blocking driver's only way to have several in flight).
 */
final class ThreadedClosedLoop implements Load {
    /** Runs one operation to the end, its result read; returns a value folded into the sink. */
    interface Call {
        long call() throws Exception;
    }

    private final int threads;
    private final ThreadFactory threadFactory;
    private final Call call;

    ThreadedClosedLoop(int threads, ThreadFactory threadFactory, Call call) {
        this.threads = threads;
        this.threadFactory = threadFactory;
        this.call = call;
    }

    @Override
    public Sample run(long nanos) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads, threadFactory);
        try {
            long start = System.nanoTime();
            long end = start + nanos;
            List<Future<Sample>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<Sample> worker = () -> loopUntil(start, end);
                parts.add(pool.submit(worker));
            }
            long operations = 0;
            Latencies latencies = new Latencies();
            for (Future<Sample> part : parts) {
                Sample s = part.get();
                operations += s.operations();
                latencies.addAll(s.latencies());
            }
            return new Sample(operations, System.nanoTime() - start, latencies);
        } finally {
            pool.shutdown();
        }
    }

    private Sample loopUntil(long start, long end) throws Exception {
        Latencies latencies = new Latencies();
        long operations = 0;
        long folded = 0;
        long now = System.nanoTime();
        while (now < end) {
            folded += call.call();
            long after = System.nanoTime();
            if (threads == 1) {
                latencies.add(after - now);
            }
            operations++;
            now = after;
        }
        Sink.publish(folded);
        return new Sample(operations, now - start, latencies);
    }
}
