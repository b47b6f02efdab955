package io.fasterapi.pg.internal.pool;

import io.fasterapi.pg.internal.connection.PgConnection;

/**
 * A connection as its shard's pool sees it: when it was opened and last used, how many callers
 * hold it (one exclusive handle, or up to the pipelining depth of async statements), and, with
 * leak detection on, where the current handle was acquired.
 *
 * <p>Threads: owned by whoever holds it. The shard's loop owns it while it is idle in the loop's
 * own list, busy with the pool, or shared by async statements; a thread off the loop owns it
 * between claiming it from the {@link SharedIdleStack} (or being handed it by the loop) and giving
 * it back, and the stack's compare-and-set passes the plain fields from one owner to the next.
 */
final class PooledConnection {
    final PgConnection connection;
    /** After this (System.nanoTime) the connection is retired; Long.MAX_VALUE when it never is. */
    final long retireAtNanos;
    /** Its place in the shard's {@link SharedIdleStack}, for as long as it is open. */
    final int slot;
    long lastUsedNanos;
    int leases;
    /** Held by pipelined async statements rather than by one handle. */
    boolean shared;
    /** Out of the idle list for a health check or a reset, owned by the pool meanwhile. */
    boolean busyWithPool;
    boolean discarded;
    /** The current handle's lease when leak detection is on, else null; set and cleared by the holder's thread. */
    LeakDetector.Lease lease;

    PooledConnection(PgConnection connection, long nowNanos, long retireAtNanos, int slot) {
        this.connection = connection;
        this.slot = slot;
        this.lastUsedNanos = nowNanos;
        this.retireAtNanos = retireAtNanos;
    }

    @Override
    public String toString() {
        return connection + (leases > 0 ? " leases=" + leases : "");
    }
}
