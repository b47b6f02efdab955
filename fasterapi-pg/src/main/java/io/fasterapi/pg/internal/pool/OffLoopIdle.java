package io.fasterapi.pg.internal.pool;

import io.fasterapi.pg.internal.connection.PgConnection;
import java.util.ArrayList;
import java.util.List;

/**
 * The idle connections of one shard that threads off its loop claim and give back without waking
 * it (issue 4: the hop there and back cost a blocking caller tens of microseconds): the
 * {@link SharedIdleStack} with the pool's rules for using it.
 *
 * <ul>
 *   <li>Shut: the loop shuts it to threads off the loop while callers are queued there, so nobody
 *       claims past them (they are served in order), and once the pool closes. A claim then finds
 *       nothing and a give-back goes to the loop. One volatile read tells a thread both.</li>
 *   <li>Give-backs: only a handle's connection that needs nothing from the loop goes on the stack;
 *       one to reset, retire or replace goes to the loop ({@link #giveBack}).</li>
 *   <li>Counting: claims off the loop are acquisitions served at once; the head word counts every
 *       removal, the loop's own takes ({@link #takeByLoop}, {@link #takeAllByLoop}) are told apart
 *       here, and {@link #claimsSinceLastCount} hands the claims to the figures in bulk.</li>
 * </ul>
 *
 * <p>Threads: {@link #claim}, {@link #giveBack}, {@link #isShut} and {@link #uncountedClaims} from any
 * thread; the rest on the shard's loop.
 */
final class OffLoopIdle extends SharedIdleStack {
    /** A reason to {@link #shut} the stack: callers are queued on the loop and come first. */
    static final int CALLERS_QUEUED = 1;
    /** A reason to {@link #shut} the stack: the pool is closing. */
    static final int POOL_CLOSING = 2;

    private final ShardPool pool;
    /** The reasons the stack is shut to threads off the loop (bits above), 0 when open; written on the loop. */
    private volatile int shut;
    /** {@link #removals()} when the loop last counted claims, and the loop's own removals since. Loop only. */
    private int removalsSeen;
    private int removalsByLoop;

    OffLoopIdle(ShardPool pool, int capacity) {
        super(capacity);
        this.pool = pool;
    }

    /** Shuts the stack to threads off the loop for {@code reason}, or lifts it; writes only on a change. Loop only. */
    void shut(int reason, boolean on) {
        int was = shut;
        int now = on ? was | reason : was & ~reason;
        if (now != was) {
            shut = now;
        }
    }

    /** True while threads off the loop must leave connections to the loop. Any thread. */
    boolean isShut() {
        return shut != 0;
    }

    /**
     * For a handle on a thread off the loop: the most recently given-back usable connection, now
     * leased to it; null when the stack is empty or shut (the caller then hops to the loop). An
     * unusable one is handed to the loop to close on the way. Any thread.
     */
    PooledConnection claim() {
        PooledConnection pc;
        while (shut == 0 && (pc = pop()) != null) {
            if (pc.connection.isUsable()) {
                pc.leases = 1;
                return pc;
            }
            pool.dropClaimed(pc);
        }
        return null;
    }

    /**
     * Puts a handle's connection on the stack, on its holder's thread, unless the loop must see it:
     * the stack is shut (queued callers, a closing pool), a reset to send (open transaction, touched
     * session, an abandoned statement's answer to wait for), a broken, discarded or retired
     * connection, or one whose server no longer matches {@code target_session_attrs}. The connection's state was last written by the completion of the holder's
     * statements, which the holder has seen. Returns false when the loop must take it. Any thread.
     */
    boolean giveBack(PooledConnection pc, long nowNanos) {
        PgConnection c = pc.connection;
        if (shut != 0 || pc.shared || pc.leases != 1 || pc.discarded || !c.isUsable()
                || nowNanos - pc.retireAtNanos > 0 || PoolRoundTrips.neededBeforeReuse(c) || !c.session().fitsTarget()) {
            return false;
        }
        LeakDetector.closeLease(pc);
        pc.leases = 0;
        pc.lastUsedNanos = nowNanos;
        push(pc);
        // Dekker with the queue: it shuts the stack, then looks at it; we pushed, then look whether it is shut.
        if (shut != 0) {
            pool.serveWaitersFromOffLoopIdleSoon();
        }
        return true;
    }

    /** For the loop: {@link #pop}, counted as the loop's removal rather than a claim. Loop only. */
    PooledConnection takeByLoop() {
        PooledConnection pc = pop();
        if (pc != null) {
            removalsByLoop++;
        }
        return pc;
    }

    /** A claim the loop undid (the connection was unusable): not an acquisition after all. Loop only. */
    void unclaimed() {
        removalsByLoop++;
    }

    /** For the loop: {@link #takeAll}, least recently pushed first. Loop only. */
    List<PooledConnection> takeAllByLoop() {
        PooledConnection[] topFirst = takeAll();
        if (topFirst.length == 0) {
            return List.of();
        }
        removalsByLoop++;
        List<PooledConnection> oldestFirst = new ArrayList<>(topFirst.length);
        for (int i = topFirst.length - 1; i >= 0; i--) {
            oldestFirst.add(topFirst[i]);
        }
        return oldestFirst;
    }

    /** The claims made off the loop since the last call (each an acquisition served at once). Loop only. */
    int claimsSinceLastCount() {
        int removals = removals();
        int claims = claimsSince(removals);
        removalsSeen = removals;
        removalsByLoop = 0;
        return claims;
    }

    /** Claims not yet counted; off the loop a racy but harmless read, for gauges. Any thread. */
    int uncountedClaims() {
        return claimsSince(removals());
    }

    private int claimsSince(int removals) {
        return Math.max(0, removals - removalsSeen - removalsByLoop);
    }
}
