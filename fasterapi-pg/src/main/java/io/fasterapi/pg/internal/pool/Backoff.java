package io.fasterapi.pg.internal.pool;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Jittered exponential pauses: attempt {@code n} waits a random time between half and all of
 * {@code min(base * 2^n, cap)}. The jitter keeps connections that lost their server together (or
 * transactions that collided once) from trying again in lockstep. The pool's shards pause so
 * between connection attempts while the server is unreachable ({@link ShardConnections}), as does
 * the LISTEN connection ({@link NotificationListener}); transaction retries use one too. Any thread.
 */
public record Backoff(Duration base, Duration cap) {
    /** The pause before retry {@code attempt} (0 for the first retry). */
    public Duration delay(int attempt) {
        long ceiling = Math.min(cap.toNanos(), base.toNanos() << Math.min(attempt, 30));
        long half = ceiling / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
