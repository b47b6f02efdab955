package io.fasterapi.pg.internal.pool;

import io.fasterapi.pg.PgLeak;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Finds {@link io.fasterapi.pg.Pg} handles that became unreachable without being closed: each
 * handle is registered with a {@link Cleaner} together with a throwable recording where it was
 * acquired; when the garbage collector finds the handle unreachable and it was never closed, the
 * leak is reported and the connection given back to its pool. Only built when leak detection is
 * on, so a pool without it pays nothing (no stack capture, no registration): a pool's
 * {@code leaks} is then null, and the static helpers here find no lease on its connections.
 *
 * <p>Threads: {@link #track} runs where the handle is made; {@link #closeLease} on the holder's
 * thread; the report runs on the Cleaner's daemon thread and the reclaim hops to the shard's loop.
 */
final class LeakDetector {
    private static final Cleaner CLEANER = Cleaner.create();
    private final Consumer<PgLeak> reporter;

    LeakDetector(Consumer<PgLeak> reporter) {
        this.reporter = reporter;
    }

    /** Where a caller is acquiring a handle: captured on the caller's thread, before any hop. Any thread. */
    static Throwable acquisitionSite() {
        return new Throwable("Pg handle acquired here");
    }

    /** Stops watching the handle holding {@code pc}, if one is watched: it was given back. The holder's thread. */
    static void closeLease(PooledConnection pc) {
        Lease lease = pc.lease;
        if (lease != null) {
            pc.lease = null;
            lease.closed();
        }
    }

    /**
     * For the pool-exhausted message: where the three oldest handles still out among {@code open}
     * were acquired, or "" when none is watched. Loop only.
     */
    static String oldestHandles(List<PooledConnection> open) {
        record Held(int pid, Lease lease) {
        }
        // Each lease read once: holders off the loop set and clear theirs while we look.
        List<Held> held = new ArrayList<>();
        for (PooledConnection pc : open) {
            Lease lease = pc.lease;
            if (lease != null) {
                held.add(new Held(pc.connection.processId(), lease));
            }
        }
        String sites = held.stream().sorted(Comparator.comparingLong(h -> h.lease().acquiredNanos)).limit(3)
                .map(h -> "pid " + h.pid() + " held for "
                        + Duration.ofNanos(System.nanoTime() - h.lease().acquiredNanos).toMillis() + " ms, acquired at "
                        + LeakSites.where(h.lease().acquiredAt))
                .collect(Collectors.joining("; "));
        return sites.isEmpty() ? "" : "; oldest handles: " + sites;
    }

    /**
     * Starts watching {@code handle}, which holds {@code pc} of {@code pool}, acquired at {@code site}
     * (null: here). The lease must not reference the handle. The holder's thread.
     */
    void track(Object handle, ShardPool pool, PooledConnection pc, Throwable site) {
        Lease lease = new Lease(pool, pc, site != null ? site : acquisitionSite(), System.nanoTime());
        lease.cleanable = CLEANER.register(handle, lease);
        pc.lease = lease;
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
                // Given back on the loop unless its holder released it meanwhile.
                pool.shard().execute(() -> {
                    if (pc.lease == this) {
                        pool.release(pc);
                    }
                });
            }
        }
    }
}
