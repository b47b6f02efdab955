package io.fasterapi.bench.driver;

import java.util.concurrent.atomic.LongAdder;

/**
 * Where loads fold the values they read, so the JIT cannot drop the reads; printed once at the end.
 * Each load keeps its own running value and publishes it here after a run.
 */
final class Sink {
    private static final LongAdder VALUE = new LongAdder();

    private Sink() {
    }

    static void publish(long v) {
        VALUE.add(v);
    }

    static long value() {
        return VALUE.sum();
    }
}
