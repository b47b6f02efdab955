package io.fasterapi.pg;

import java.time.Duration;

/**
 * A {@link Pg} handle that became unreachable without being closed, reported when leak detection is
 * on ({@link PgPool.Builder#leakDetection}); its connection has been given back to the pool.
 *
 * @param shard      the shard whose pool lent the handle
 * @param processId  the server process of its connection
 * @param heldFor    from acquisition until the leak was noticed (after a garbage collection)
 * @param acquiredAt a throwable whose stack trace is where the handle was acquired
 */
public record PgLeak(int shard, int processId, Duration heldFor, Throwable acquiredAt) {
    @Override
    public String toString() {
        return "Pg handle of shard " + shard + " (pid " + processId + ") was never closed; held for " + heldFor
                + ", acquired at " + io.fasterapi.pg.internal.pool.LeakSites.where(acquiredAt);
    }
}
