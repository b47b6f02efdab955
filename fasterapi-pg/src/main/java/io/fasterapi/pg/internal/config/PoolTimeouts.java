package io.fasterapi.pg.internal.config;

import java.time.Duration;

/**
 * The pool's default deadlines as a DSN gives them, in seconds (decimals allowed; 0 for none, as
 * libpq reads {@code connect_timeout=0}): {@code command_timeout} (asyncpg's name: the default
 * deadline of every statement and of each wait of a COPY) and {@code acquire_timeout} (how long
 * {@code pool.get()} waits for a connection). libpq has neither (its connections have no client-side
 * statement deadline; {@code options=-c statement_timeout=...} is the server-side one, and is passed
 * on as it is). The builder's settings win over these.
 *
 * @param commandTimeout the statements' default deadline; null when the DSN does not say,
 *                       {@link Duration#ZERO} for none
 * @param acquireTimeout the acquire timeout; null when the DSN does not say, {@link Duration#ZERO} for none
 * @param failoverWait   {@code failover_wait}: how long, once a pool that had connections loses them all
 *                       and cannot open one, callers queue for a connection (each within its own acquire
 *                       timeout) instead of failing at the first failed attempt; {@link Duration#ZERO}
 *                       (the default) fails them at once
 */
public record PoolTimeouts(Duration commandTimeout, Duration acquireTimeout, Duration failoverWait) {
    /** No key given. */
    public static final PoolTimeouts UNSET = new PoolTimeouts(null, null, Duration.ZERO);

    /** A copy with {@code command_timeout}. */
    public PoolTimeouts withCommandTimeout(Duration d) {
        return new PoolTimeouts(d, acquireTimeout, failoverWait);
    }

    /** A copy with {@code acquire_timeout}. */
    public PoolTimeouts withAcquireTimeout(Duration d) {
        return new PoolTimeouts(commandTimeout, d, failoverWait);
    }

    /** A copy with {@code failover_wait}. */
    public PoolTimeouts withFailoverWait(Duration d) {
        return new PoolTimeouts(commandTimeout, acquireTimeout, d);
    }
}
