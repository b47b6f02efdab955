package io.fasterapi.pg.internal.pool;

import java.util.ArrayDeque;

/**
 * The decisions a shard's pool leaves to a policy: which idle connection the next caller gets
 * (idle order) and how many connections the shard keeps (sizing). {@link ShardPool} does the
 * mechanics — leases, waiters, resets, the off-loop stack — and asks its policy only these
 * questions, so a different order or sizing is a new implementation, not an edit of the pool.
 * The one in use today is {@link BoundedLifoPolicy}: most recently used first, between
 * {@code minSize} and {@code maxSize}.
 *
 * <h2>Adding a policy</h2>
 * <ol>
 *   <li>Write it: one file in this package implementing this interface. A policy that changes one
 *       decision delegates the others to the policy it refines (for example a record holding a
 *       {@link BoundedLifoPolicy} whose {@link #takeIdle} returns {@code idle.pollFirst()}, for
 *       least-recently-used-first reuse that spreads load over every connection).</li>
 *   <li>Carry it: {@link PoolSettings#policy()} is what the shards read; nothing else changes.</li>
 *   <li>Choose it: a {@code PgPool.Builder} method that records the choice (validated there, with
 *       its Javadoc saying what it trades), and {@code Builder.build()} passes the policy it names
 *       into the settings instead of the default one.</li>
 * </ol>
 *
 * <p>What stays the pool's own, whatever the policy: a queued caller not yet covered by a
 * connection attempt in flight gets one (within {@link #maxSize()}); connections retire at their
 * lifetime and are health-checked; the stack that threads off the loop give connections back to
 * is last-in-first-out by construction ({@link SharedIdleStack}), so the idle order governs the
 * loop's own list, which callers on the loop draw from first.
 *
 * @implNote Runs on the shard's event loop only. {@link #takeIdle} is asked on every acquire on the
 *     loop: it must not allocate, lock or block. The shards read the policy from a final field, and
 *     while one implementation is loaded the JIT binds these calls to it outright, so the seam
 *     costs the hot path nothing; a second loaded implementation makes each call a type check.
 */
public interface PoolPolicy {
    /**
     * Idle order: removes and returns the idle connection the next caller gets, or null when
     * {@code idle} is empty. {@code idle} runs from least recently given back (first) to most
     * recently given back (last); the pool appends to its end and the upkeep sweeps it from the
     * front. Every acquire on the loop.
     */
    PooledConnection takeIdle(ArrayDeque<PooledConnection> idle);

    /** Sizing: the most connections the shard may have open or opening at once (1 to 65535). */
    int maxSize();

    /**
     * Sizing: how many connections to start opening now, given {@code open} connections,
     * {@code connecting} attempts in flight and {@code waiting} queued callers (0 or less: none).
     * Asked after a connection closes, opens or fails to, and on each upkeep round; the pool
     * caps the answer at {@link #maxSize()} and paces attempts while the server is unreachable.
     */
    int connectionsToOpen(int open, int connecting, int waiting);

    /**
     * Sizing: whether an idle connection past the idle timeout is closed while {@code open}
     * connections are open (asked once per such connection, {@code open} counting down as they close).
     */
    boolean closesIdle(int open);
}
