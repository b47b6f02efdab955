package io.fasterapi.pg.internal.pool;

import io.fasterapi.pg.PgLeak;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Finds {@link io.fasterapi.pg.Pg} handles that became unreachable without being closed: each
 * handle is registered with a {@link Cleaner} together with a throwable recording where it was
 * acquired; when the garbage collector finds the handle unreachable and it was never closed, the
 * leak is reported and the connection given back to its pool. Only built when leak detection is
 * on, so a pool without it pays nothing (no stack capture, no registration).
 *
 * <p>Threads: {@link #track} runs where the handle is made; the report runs on the Cleaner's daemon
 * thread and the reclaim hops to the shard's loop.
 */
final class LeakDetector {
    private static final Cleaner CLEANER = Cleaner.create();
    private final Consumer<PgLeak> reporter;

    LeakDetector(Consumer<PgLeak> reporter) {
        this.reporter = reporter;
    }

    /** Starts watching {@code handle}, which holds {@code pc} of {@code pool}. The lease must not reference the handle. */
    Lease track(Object handle, ShardPool pool, PooledConnection pc, Throwable site) {
        Lease lease = new Lease(pool, pc, site != null ? site : ShardPool.acquisitionSite(), System.nanoTime());
        lease.cleanable = CLEANER.register(handle, lease);
        return lease;
    }

    /** One lent handle: closed by its owner, or reclaimed here once unreachable. */
    final class Lease implements Runnable {
        private final ShardPool pool;
        private final PooledConnection pc;
        final Throwable acquiredAt;
        final long acquiredNanos;
        private volatile boolean closed;
        private Cleaner.Cleanable cleanable;

        Lease(ShardPool pool, PooledConnection pc, Throwable acquiredAt, long acquiredNanos) {
            this.pool = pool;
            this.pc = pc;
            this.acquiredAt = acquiredAt;
            this.acquiredNanos = acquiredNanos;
        }

        /** The owner closed the handle: stop watching it. Any thread. */
        void closed() {
            closed = true;
            cleanable.clean();
        }

        /** The Cleaner found the handle unreachable (or {@link #closed} deregistered it). */
        @Override
        public void run() {
            if (closed) {
                return;
            }
            closed = true;
            PgLeak leak = new PgLeak(pool.shard().id(), pc.connection.processId(),
                    Duration.ofNanos(System.nanoTime() - acquiredNanos), acquiredAt);
            try {
                reporter.accept(leak);
            } finally {
                pool.reclaim(pc, this);
            }
        }
    }
}
