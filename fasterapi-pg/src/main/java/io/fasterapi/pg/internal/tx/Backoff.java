package io.fasterapi.pg.internal.tx;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Jittered exponential pauses: attempt {@code n} waits a random time between half and all of
 * {@code min(base * 2^n, cap)}. The jitter keeps transactions that collided once (or connections
 * that lost their server together) from colliding again in lockstep. Any thread.
 */
public record Backoff(Duration base, Duration cap) {
    /** For transaction retries: 5 ms doubling up to 500 ms. */
    public static final Backoff TX_RETRY = new Backoff(Duration.ofMillis(5), Duration.ofMillis(500));

    /** The pause before retry {@code attempt} (0 for the first retry). */
    public Duration delay(int attempt) {
        long ceiling = Math.min(cap.toNanos(), base.toNanos() << Math.min(attempt, 30));
        long half = ceiling / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
