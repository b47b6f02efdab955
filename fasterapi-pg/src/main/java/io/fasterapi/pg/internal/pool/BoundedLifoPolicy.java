package io.fasterapi.pg.internal.pool;

import java.util.ArrayDeque;

/**
 * The pool's policy today: the most recently used idle connection first, so the warm ones stay
 * warm (their statement caches, the server's backend caches) and a surplus stays idle long enough
 * to time out and close; {@code minSize} connections open at all times and no more than
 * {@code maxSize}, growing with the callers queued. Loop only, as every {@link PoolPolicy}.
 *
 * @param minSize connections the shard opens at start and keeps (never closed for being idle)
 * @param maxSize most connections the shard has open or opening at once
 */
public record BoundedLifoPolicy(int minSize, int maxSize) implements PoolPolicy {
    /** Checks the bounds (the builder names them for the user first). */
    public BoundedLifoPolicy {
        if (minSize < 0 || maxSize < 1 || maxSize > SharedIdleStack.MAX_SLOTS || minSize > maxSize) {
            throw new IllegalArgumentException("want 0 <= minSize <= maxSize <= " + SharedIdleStack.MAX_SLOTS
                    + ", got " + minSize + ".." + maxSize);
        }
    }

    @Override
    public PooledConnection takeIdle(ArrayDeque<PooledConnection> idle) {
        return idle.pollLast();
    }

    /** What minSize still lacks, or one per queued caller not covered by an attempt in flight. */
    @Override
    public int connectionsToOpen(int open, int connecting, int waiting) {
        int total = open + connecting;
        return Math.min(Math.max(minSize - total, waiting - connecting), maxSize - total);
    }

    @Override
    public boolean closesIdle(int open) {
        return open > minSize;
    }
}
