package io.fasterapi.pg.internal.pool;

import io.fasterapi.core.Future;
import io.fasterapi.core.Shard;
import io.fasterapi.pg.PgConnectionException;
import io.fasterapi.pg.PoolStats;
import io.fasterapi.pg.QueryResult;
import io.fasterapi.pg.internal.connection.Connector;
import io.fasterapi.pg.internal.connection.HostHealth;
import io.fasterapi.pg.internal.connection.PgConnection;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections of one shard: who holds each, which are idle, and when a given-back one is
 * ready for its next user. The rest is delegated, a file each: idle order and sizing to the
 * {@link PoolPolicy}, queued callers and their deadlines to the {@link WaiterQueue}, opening and
 * closing to {@link ShardConnections}, pipelining to {@link PipelinedConnections}, claims and
 * give-backs off the loop to {@link OffLoopIdle}, resets and health checks to {@link PoolRoundTrips},
 * forgotten handles to the {@link LeakDetector}, the rounds over idle connections to the
 * {@link PoolUpkeep}.
 *
 * <p>Two kinds of lease: a handle ({@link #tryAcquire}) holds a connection alone; an async
 * statement ({@link #tryAcquireShared}) may share one with up to {@code pipeliningDepth - 1} others,
 * its messages pipelined behind theirs, as vertx-pg-client's pooled client does.
 *
 * <p>Idle connections live in two places. The loop's own list ({@code idle}) is confined to the
 * loop, so acquire and release there take no lock and no atomic. {@link OffLoopIdle} holds the ones
 * threads off the loop gave back: a blocking caller claims one ({@link #tryAcquireOffLoop}) and gives
 * it back ({@link #release}) with one compare-and-set each, without waking the loop. The loop falls
 * back to that stack when its own list is empty; a thread off the loop that finds it empty, or
 * shut, hops to the loop. Whatever needs the loop stays there: a reset, a retired or broken
 * connection, and every give-back while callers wait, so they are served in FIFO order.
 *
 * <p>Thread ownership: everything here runs on the shard's event loop except
 * {@link #tryAcquireOffLoop}, {@link #release}, the two hops to the loop ({@link #dropClaimed},
 * {@link #serveWaitersFromOffLoopIdleSoon}) and the figures; the clock on the fast path is the
 * upkeep tick's, not a {@code nanoTime()} call.
 */
final class ShardPool {
    private static final Logger log = LoggerFactory.getLogger(ShardPool.class);

    private final Shard shard;
    /** The settings' policy, read once here: it is asked on every acquire on the loop. */
    private final PoolPolicy policy;
    private final LeakDetector leaks;
    /** Idle in the loop's hands, least recently given back first. */
    private final ArrayDeque<PooledConnection> idle = new ArrayDeque<>();
    /** Idle connections given back off the loop; claimed with one CAS from any thread. */
    private final OffLoopIdle offLoopIdle;
    private final WaiterQueue waiters;
    private final ShardConnections connections;
    private final PoolRoundTrips roundTrips;
    private final PipelinedConnections sharing;
    private final AcquireTimes times = new AcquireTimes();
    private final PoolUpkeep upkeep;
    private final HostHealth hosts;
    /** {@code failover_wait}: how long callers queue through an outage of a pool that had connections. */
    private final long failoverWaitNanos;
    /** Loop only: threads off the loop learn it from the shut {@link #offLoopIdle}. */
    private boolean closing;
    /** The upkeep tick's clock: coarse, but free to read on the hot path (volatile: read off the loop too). */
    private volatile long clock = System.nanoTime();

    public ShardPool(Shard shard, Connector connector, PoolSettings settings) {
        this.shard = shard;
        this.policy = settings.policy();
        this.leaks = settings.leakReporter() == null ? null : new LeakDetector(settings.leakReporter());
        this.offLoopIdle = new OffLoopIdle(this, policy.maxSize());
        this.sharing = new PipelinedConnections(settings.pipeliningDepth());
        this.connections = new ShardConnections(this, connector, settings, offLoopIdle);
        this.waiters = new WaiterQueue(shard, offLoopIdle, times,
                () -> "(" + stats() + ")" + connections.outageNote()
                        + (leaks == null ? "" : LeakDetector.oldestHandles(connections.all())));
        this.roundTrips = new PoolRoundTrips(this, connector.config().connectTimeout());
        this.upkeep = new PoolUpkeep(this, settings, connections, roundTrips);
        this.hosts = connector.health();
        this.failoverWaitNanos = connector.config().poolTimeouts().failoverWait().toNanos();
    }

    public Shard shard() {
        return shard;
    }

    /** Opens connections up to minSize and starts the upkeep. Loop only. */
    public void start() {
        upkeep.start();
        refill();
    }

    // ------------------------------------------------------------------ acquire

    /** An idle connection for one handle alone, or null when none is free. Loop only. */
    public PooledConnection tryAcquire() {
        if (closing) {
            return null;
        }
        PooledConnection pc;
        while ((pc = policy.takeIdle(idle)) != null) {
            if (pc.connection.isUsable()) {
                pc.leases = 1;
                times.recordImmediate();
                return pc;
            }
            discard(pc);
        }
        // Given back off the loop, not yet seen by the queued callers (if any): theirs first.
        while (waiters.isEmpty() && (pc = offLoopIdle.takeByLoop()) != null) {
            if (pc.connection.isUsable()) {
                pc.leases = 1;
                times.recordImmediate();
                return pc;
            }
            discard(pc);
        }
        return null;
    }

    /**
     * An idle connection for a handle on a thread off the loop, claimed without waking the loop
     * ({@link OffLoopIdle#claim}); null when the caller must hop to the loop. Any thread.
     */
    public PooledConnection tryAcquireOffLoop() {
        return offLoopIdle.claim();
    }

    /** A connection claimed off the loop turned out unusable: the loop closes and replaces it. Any thread. */
    void dropClaimed(PooledConnection pc) {
        onLoop(() -> {
            offLoopIdle.unclaimed();
            discard(pc);
            refill();
        });
    }

    /** A connection for one handle alone, or a failure at {@code timeout}. Loop only. */
    public Future<PooledConnection> acquire(Duration timeout) {
        PooledConnection pc = tryAcquire();
        return pc != null ? Future.ready(pc) : enqueue(false, timeout);
    }

    /**
     * A connection for one async statement: an idle one if any, else one already shared that
     * takes more ({@link PipelinedConnections#leastBusy}); null when neither. Loop only.
     */
    public PooledConnection tryAcquireShared() {
        PooledConnection pc = tryAcquire();
        if (pc != null) {
            pc.shared = true;
            sharing.add(pc);
            return pc;
        }
        PooledConnection best = sharing.leastBusy();
        if (best != null) {
            best.leases++;
            times.recordImmediate();
        }
        return best;
    }

    /** As {@link #tryAcquireShared}, waiting up to {@code timeout}. Loop only. */
    public Future<PooledConnection> acquireShared(Duration timeout) {
        PooledConnection pc = tryAcquireShared();
        return pc != null ? Future.ready(pc) : enqueue(true, timeout);
    }

    private Future<PooledConnection> enqueue(boolean shared, Duration timeout) {
        if (closing) {
            return Future.failed(closedPool());
        }
        Future<PooledConnection> served = waiters.add(shared, timeout);
        if (connections.connecting() < waiters.size()) {
            connections.open(1);
        }
        // A thread off the loop may have given one back after tryAcquire looked and before the stack was shut.
        serveWaitersFromOffLoopIdle();
        return served;
    }

    /** Hands connections given back off the loop to the queued callers, in order. Loop only. */
    private void serveWaitersFromOffLoopIdle() {
        PooledConnection pc;
        while (!waiters.isEmpty() && (pc = offLoopIdle.takeByLoop()) != null) {
            giveBack(pc);
        }
    }

    // ------------------------------------------------------------------ leaks

    /** True when handles must be tracked: callers then capture {@link LeakDetector#acquisitionSite()} on their own thread. */
    public boolean detectsLeaks() {
        return leaks != null;
    }

    /** Watches the handle now holding {@code pc}, acquired at {@code site}, when leak detection is on. The holder's thread. */
    public void track(Object handle, PooledConnection pc, Throwable site) {
        if (leaks != null) {
            leaks.track(handle, this, pc, site);
        }
    }

    // ------------------------------------------------------------------ release

    /**
     * Takes back one lease of {@code pc}; when it was the last, resets and reuses the connection.
     * Any thread: off the loop, a handle's connection that needs nothing from the loop goes onto the
     * shared stack with one CAS; anything else hops to the loop.
     */
    public void release(PooledConnection pc) {
        if (!shard.inLoop()) {
            if (!offLoopIdle.giveBack(pc, clock)) {
                // Closed here, while the caller still holds its handle: once the handle is garbage the
                // leak detector must already know it was closed, not only once the loop gets to it.
                LeakDetector.closeLease(pc);
                shard.execute(() -> release(pc));
            }
            return;
        }
        LeakDetector.closeLease(pc);
        if (--pc.leases > 0) {
            serve(pc);
            return;
        }
        if (pc.shared) {
            pc.shared = false;
            sharing.remove(pc);
        }
        giveBack(pc);
    }

    /** A give-back off the loop found callers queued: the loop hands them what is on the stack. Any thread. */
    void serveWaitersFromOffLoopIdleSoon() {
        onLoop(this::serveWaitersFromOffLoopIdle);
    }

    /** Runs {@code task} on the loop unless the loop has shut down (then the pool is gone too). */
    private void onLoop(Runnable task) {
        try {
            shard.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("shard {} has shut down; dropped a pool task", shard.id());
        }
    }

    /** Reuses a connection nobody holds any more, unless it must first be reset, replaced or retired. Loop only. */
    void giveBack(PooledConnection pc) {
        PgConnection c = pc.connection;
        long now = clock;
        if (pc.discarded || !c.isUsable() || closing || now - pc.retireAtNanos > 0) {
            discard(pc);
            refill();
            return;
        }
        if (PoolRoundTrips.neededBeforeReuse(c)) {
            roundTrips.prepareForReuse(pc);
            return;
        }
        // After the reset (a session's own SET default_transaction_read_only is undone by it).
        if (demoted(c)) {
            discard(pc);
            refill();
            return;
        }
        pc.lastUsedNanos = now;
        serve(pc);
    }

    /**
     * Gives a free or pipelining connection to waiters in order, then idles it if still free; a
     * shared one that awaits an abandoned statement's answer takes no more waiters. Loop only. The
     * waiters' futures complete only once the pool's state is settled: a continuation runs inline
     * and may give the connection straight back (re-entering here), which must not find it
     * half-served, or it would be idled twice and handed to two holders.
     */
    private void serve(PooledConnection pc) {
        WaiterQueue.Waiter w;
        WaiterQueue.Waiter served = null;
        List<WaiterQueue.Waiter> alsoServed = null;
        while ((w = waiters.peek()) != null) {
            if (pc.leases > 0 && (!pc.shared || !w.shared || !sharing.takesMore(pc))) {
                break;
            }
            waiters.poll();
            if (pc.leases == 0) {
                pc.shared = w.shared;
                if (w.shared) {
                    sharing.add(pc);
                }
            }
            pc.leases++;
            times.record(System.nanoTime() - w.startNanos);
            if (served == null) {
                served = w;
            } else {
                if (alsoServed == null) {
                    alsoServed = new ArrayList<>();
                }
                alsoServed.add(w);
            }
        }
        if (pc.leases == 0) {
            idle.addLast(pc);
        }
        if (served != null) {
            served.promise.complete(pc);
            if (alsoServed != null) {
                alsoServed.forEach(s -> s.promise.complete(pc));
            }
        }
    }

    /**
     * True when the server no longer is what the DSN's {@code target_session_attrs} asked for (a
     * primary turned read-only or demoted, a standby promoted): the connection is retired at give-back
     * or health check, and its replacement goes wherever the target now is. Loop only.
     */
    private boolean demoted(PgConnection c) {
        if (c.session().fitsTarget()) {
            return false;
        }
        log.info("shard {}: retiring {}: the server no longer matches target_session_attrs", shard.id(), c);
        return true;
    }

    // ------------------------------------------------------------------ connections come and go (loop)

    /** Closes {@code pc} and forgets it; safe to call twice. Loop only. */
    void discard(PooledConnection pc) {
        connections.discard(pc);
    }

    /** The server closed the connection (or the socket broke): drop it now if nobody holds it. Loop. */
    void onBroken(PooledConnection pc) {
        if (pc.leases == 0 && !pc.busyWithPool && idle.remove(pc)) {
            discard(pc);
        } else {
            sweepOffLoopIdle(o -> {
                if (o.connection.isUsable()) {
                    return true;
                }
                discard(o);
                return false;
            });
        }
        refill();
    }

    /**
     * Takes the shared stack into the loop's hands, passes each connection to {@code keep} least
     * recently used first, puts back those it kept in their order, then serves any queued callers.
     * Loop only.
     */
    private void sweepOffLoopIdle(Predicate<PooledConnection> keep) {
        List<PooledConnection> oldestFirst = offLoopIdle.takeAllByLoop();
        for (PooledConnection pc : oldestFirst) {
            if (!keep.test(pc)) {
                continue;
            }
            if (closing) {
                discard(pc);
            } else {
                offLoopIdle.push(pc);
            }
        }
        serveWaitersFromOffLoopIdle();
    }

    /** Opens what the policy wants for minSize and the queued callers, within the reconnect backoff. Loop only. */
    void refill() {
        if (closing) {
            return;
        }
        connections.open(policy.connectionsToOpen(connections.open(), connections.connecting(), waiters.size()));
    }

    boolean isClosing() {
        return closing;
    }

    /** A connection just opened, at {@code nowNanos}: it serves the queue or idles. Loop only. */
    void opened(PooledConnection pc, long nowNanos) {
        clock = nowNanos;
        serve(pc);
        refill();
    }

    /** A connection attempt failed; with nothing open to serve them soon, the queued callers get the cause now. Loop only. */
    void connectFailed(Throwable err) {
        if (connections.open() == 0 && !connections.ridingOutOutage(failoverWaitNanos)) {
            // Server down, wrong password: surface it instead of letting them time out.
            waiters.failAll(() -> err, true);
        }
        refill();
    }

    // ------------------------------------------------------------------ upkeep (loop)

    /** Sets the coarse clock the hot path reads to now, and returns it. Loop only. */
    long tick() {
        long now = System.nanoTime();
        clock = now;
        return now;
    }

    /**
     * Passes every idle connection to {@code keep}, least recently used first (the loop's list,
     * then the shared stack, taken off it for the sweep): one it rejects is no longer idle here
     * ({@code keep} closed it or took it for a health check); the kept ones stay in their order.
     * Loop only.
     */
    void sweepIdle(Predicate<PooledConnection> keep) {
        for (Iterator<PooledConnection> it = idle.iterator(); it.hasNext();) {
            if (!keep.test(it.next())) {
                it.remove();
            }
        }
        sweepOffLoopIdle(keep);
    }

    /** Adds the claims made off the loop since last time to the acquire figures (each served at once). Loop only. */
    void countOffLoopAcquisitions() {
        times.recordImmediate(offLoopIdle.claimsSinceLastCount());
    }

    // ------------------------------------------------------------------ shutdown (loop)

    /** Stops handing out connections, fails the waiters and closes the idle connections. Loop only. */
    public void close() {
        closing = true;
        offLoopIdle.shut(OffLoopIdle.POOL_CLOSING, true);
        upkeep.stop();
        waiters.failAll(ShardPool::closedPool, false);
        PooledConnection pc;
        while ((pc = idle.poll()) != null) {
            discard(pc);
        }
        sweepOffLoopIdle(onStack -> {
            discard(onStack);
            return false;
        });
    }

    /** Closes (Terminate) the connections still out, after close()'s grace period. Loop only. */
    public void terminateLent() {
        // Handles given back off the loop while close() ran may have landed on the stack.
        offLoopIdle.takeAllByLoop();
        connections.discardAll();
        sharing.clear();
    }

    static PgConnectionException closedPool() {
        return new PgConnectionException("the pool is closed");
    }

    // ------------------------------------------------------------------ figures

    /**
     * This shard's figures; exact on the loop (but for claims and give-backs off the loop in that
     * very moment), a racy but harmless read of plain fields elsewhere (metrics gauges).
     */
    public PoolStats stats() {
        if (shard.inLoop()) {
            countOffLoopAcquisitions();
        }
        // In use: open, and neither idle (in either place) nor busy with a round trip of the pool's own.
        int open = connections.open();
        int idleNow = idle.size() + offLoopIdle.size();
        return new PoolStats(Math.max(0, open - idleNow - roundTrips.running()), idleNow, waiters.size(),
                open + connections.connecting(), connections.created(), connections.closed(),
                times.percentile(0.5), times.percentile(0.99), times.max(), List.of(), hosts.stats(connections.openPerHost()));
    }

    /** Open connections per host of the DSN, in its order. Any thread, racily. */
    int[] openPerHost() {
        return connections.openPerHost();
    }

    /** Acquisitions so far, claims off the loop included, for the metrics timer. Any thread, racily. */
    long acquireCountNow() {
        return times.count() + offLoopIdle.uncountedClaims();
    }

    /** Time spent waiting for connections so far, for the metrics timer. Any thread, racily. */
    long acquireTotalNanosNow() {
        return times.totalNanos();
    }
}
