package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition that another thread (a pool's loop, a server) makes true soon. */
final class Eventually {
    private Eventually() {
    }

    /** Polls {@code condition} until it holds, failing the test if it still does not after {@code within}. */
    static void eventually(Duration within, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(condition.getAsBoolean()).as("condition within " + within).isTrue();
    }
}
