package io.fasterapi.pg.internal.pool;

import io.fasterapi.core.Future;
import io.fasterapi.core.Promise;
import io.fasterapi.core.Shard;
import io.fasterapi.pg.PgConnectionException;
import io.fasterapi.pg.PoolStats;
import io.fasterapi.pg.QueryResult;
import io.fasterapi.pg.internal.connection.Connector;
import io.fasterapi.pg.internal.connection.PgConnection;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections of one shard: idle ones (reused most-recently-first, so the warm ones stay warm),
 * FIFO waiters with deadlines, connects up to {@code maxSize} with jittered backoff while the server
 * is unreachable, and upkeep ({@link PoolUpkeep}) for idle timeout, lifetime and health checks.
 *
 * <p>Two kinds of lease: a handle ({@link #tryAcquire}) holds a connection alone; an async
 * statement ({@link #tryAcquireShared}) may share one with up to {@code pipeliningDepth - 1} others,
 * its messages pipelined behind theirs, as vertx-pg-client's pooled client does.
 *
 * <p>Idle connections live in two places. The loop's own list ({@code idle}) is confined to the
 * loop, so acquire and release there take no lock and no atomic. The {@link SharedIdleStack} holds
 * the ones threads off the loop gave back: a blocking caller claims one of those
 * ({@link #tryAcquireOffLoop}) and gives it back ({@link #release}) with one compare-and-set each,
 * without waking the loop (issue 4: the hop there and back cost a blocking caller tens of
 * microseconds). Connections move between the two with their users: the loop falls back to the
 * stack when its own list is empty, and a thread off the loop that finds the stack empty hops to
 * the loop as before. Whatever needs the loop stays there: a give-back that needs a reset, a
 * retired or broken connection, and every give-back while callers wait, so they are served in FIFO
 * order ({@code hasWaiters} keeps threads off the loop from claiming past them).
 *
 * <p>Thread ownership: everything here runs on the shard's event loop except
 * {@link #tryAcquireOffLoop}, {@link #release}, {@link #reclaim} and the figures; the clock on the
 * fast path is the upkeep tick's, not a {@code nanoTime()} call.
 */
public final class ShardPool {
    private static final Logger log = LoggerFactory.getLogger(ShardPool.class);
    /** Session state a previous user may have left (see PgPool's Javadoc for why exactly these). */
    private static final String RESET_SESSION = "RESET ALL; UNLISTEN *; CLOSE ALL";
    private static final Duration RESET_DEADLINE = Duration.ofSeconds(10);

    private final Shard shard;
    private final Connector connector;
    final PoolSettings settings;
    private final LeakDetector leaks;
    final ArrayDeque<PooledConnection> idle = new ArrayDeque<>();
    /** Idle connections given back off the loop; claimed with one CAS from any thread. */
    private final SharedIdleStack offLoopIdle;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private final EarliestDeadlineTimer waiterDeadlines;
    /** Every open connection, whatever its state. */
    final List<PooledConnection> all = new ArrayList<>();
    /** Connections leased to pipelined async statements. */
    private final List<PooledConnection> sharing = new ArrayList<>();
    final AcquireTimes times = new AcquireTimes();
    private final PoolUpkeep upkeep;
    /** Connections out of the loop's hands: leased, or idle in {@link #offLoopIdle}. */
    private int lent;
    private int connecting;
    /** Published for threads off the loop: while callers wait, they must not claim past them. */
    private volatile boolean hasWaiters;
    /** Removals from {@link #offLoopIdle} already counted as acquisitions, and the loop's own since. */
    private int removalsSeen;
    private int removalsByLoop;
    volatile boolean closing;
    private long created;
    private long closed;
    /** Consecutive failed connection attempts; while > 0 only one attempt is in flight. */
    private int failures;
    private long nextAttemptNanos;
    private boolean retryScheduled;
    /** The upkeep tick's clock: coarse, but free to read on the hot path (volatile: read off the loop too). */
    volatile long clock = System.nanoTime();

    public ShardPool(Shard shard, Connector connector, PoolSettings settings) {
        this.shard = shard;
        this.connector = connector;
        this.settings = settings;
        this.leaks = settings.leakReporter() == null ? null : new LeakDetector(settings.leakReporter());
        this.upkeep = new PoolUpkeep(this);
        this.waiterDeadlines = new EarliestDeadlineTimer(shard, this::failExpiredWaiters);
        this.offLoopIdle = new SharedIdleStack(settings.maxSize());
    }

    private final class Waiter {
        final Promise<PooledConnection> promise = new Promise<>(shard);
        final boolean shared;
        final long startNanos = System.nanoTime();
        final Duration timeout;
        final long deadlineNanos;

        Waiter(boolean shared, Duration timeout) {
            this.shared = shared;
            this.timeout = timeout;
            this.deadlineNanos = EarliestDeadlineTimer.deadline(startNanos, timeout);
        }
    }

    public Shard shard() {
        return shard;
    }

    /** Opens connections up to minSize and starts the upkeep. Loop only. */
    public void start() {
        upkeep.start();
        refill();
    }

    // ------------------------------------------------------------------ acquire (loop)

    /** An idle connection for one handle alone, or null when none is free. Loop only. */
    public PooledConnection tryAcquire() {
        if (closing) {
            return null;
        }
        PooledConnection pc;
        while ((pc = idle.pollLast()) != null) {
            if (pc.connection.isUsable()) {
                pc.leases = 1;
                lent++;
                times.recordImmediate();
                return pc;
            }
            discard(pc);
        }
        // Given back off the loop, not yet seen by the queued callers (if any): theirs first.
        while (waiters.isEmpty() && (pc = takeOffLoopIdle()) != null) {
            if (pc.connection.isUsable()) {
                pc.leases = 1;
                times.recordImmediate();
                return pc;
            }
            lent--;
            discard(pc);
        }
        return null;
    }

    /**
     * An idle connection for a handle on a thread off the loop, claimed from the shared stack
     * without waking the loop; null when none is there, callers are queued (they come first) or
     * the pool is closing: then the caller hops to the loop. Any thread.
     */
    public PooledConnection tryAcquireOffLoop() {
        while (!hasWaiters && !closing) {
            PooledConnection pc = offLoopIdle.pop();
            if (pc == null) {
                return null;
            }
            if (pc.connection.isUsable()) {
                pc.leases = 1;
                return pc;
            }
            onLoop(() -> {
                removalsByLoop++; // not an acquisition after all
                lent--;
                discard(pc);
                refill();
            });
        }
        return null;
    }

    /** The top of the shared stack, counted as the loop's removal. Loop only. */
    private PooledConnection takeOffLoopIdle() {
        PooledConnection pc = offLoopIdle.pop();
        if (pc != null) {
            removalsByLoop++;
        }
        return pc;
    }

    /** A connection for one handle alone, or a failure at {@code timeout}. Loop only. */
    public Future<PooledConnection> acquire(Duration timeout) {
        PooledConnection pc = tryAcquire();
        return pc != null ? Future.ready(pc) : enqueue(false, timeout);
    }

    /**
     * A connection for one async statement: an idle one if any, else the least busy of those
     * already shared below the pipelining depth; null when neither. A shared connection with a
     * statement past its deadline still unanswered takes no more: the server or the network may
     * have stalled, and what joins it would only wait behind. Loop only.
     */
    public PooledConnection tryAcquireShared() {
        PooledConnection pc = tryAcquire();
        if (pc != null) {
            pc.shared = true;
            sharing.add(pc);
            return pc;
        }
        PooledConnection best = null;
        for (int i = 0, n = sharing.size(); i < n; i++) {
            PooledConnection s = sharing.get(i);
            if (s.leases < settings.pipeliningDepth() && (best == null || s.leases < best.leases)
                    && s.connection.isUsable() && !s.connection.awaitsAbandonedAnswer()) {
                best = s;
            }
        }
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
        Waiter w = new Waiter(shared, timeout);
        waiters.add(w);
        waitersChanged();
        if (connecting < waiters.size()) {
            connect(1);
        }
        waiterDeadlines.arm(w.deadlineNanos);
        // A thread off the loop may have given one back after tryAcquire looked and before it saw hasWaiters.
        serveWaitersFromOffLoopIdle();
        return w.promise;
    }

    /** Tells threads off the loop whether callers are queued; written only when that changes. Loop only. */
    private void waitersChanged() {
        boolean any = !waiters.isEmpty();
        if (hasWaiters != any) {
            hasWaiters = any;
        }
        if (!any) {
            waiterDeadlines.disarm();
        }
    }

    /** Fails the queued callers whose deadline has passed, keeping the others in order. Loop only. */
    private void failExpiredWaiters() {
        long now = System.nanoTime();
        List<Waiter> expired = null;
        long next = 0;
        boolean anyLeft = false;
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext();) {
            Waiter w = it.next();
            if (w.deadlineNanos - now <= 0) {
                it.remove();
                if (expired == null) {
                    expired = new ArrayList<>();
                }
                expired.add(w);
            } else if (!anyLeft || w.deadlineNanos - next < 0) {
                next = w.deadlineNanos;
                anyLeft = true;
            }
        }
        waitersChanged();
        if (anyLeft) {
            waiterDeadlines.arm(next);
        }
        if (expired != null) {
            for (Waiter w : expired) {
                times.record(now - w.startNanos);
                w.promise.fail(new PgConnectionException("pool exhausted: no connection within " + w.timeout
                        + " on shard " + shard.id() + " (" + stats() + ")" + oldestHandles()));
            }
        }
    }

    /** Hands connections given back off the loop to the queued callers, in order. Loop only. */
    private void serveWaitersFromOffLoopIdle() {
        PooledConnection pc;
        while (!waiters.isEmpty() && (pc = takeOffLoopIdle()) != null) {
            lent--;
            giveBack(pc);
        }
    }

    /** With leak detection on: where the oldest handles still out were acquired. */
    private String oldestHandles() {
        if (leaks == null) {
            return "";
        }
        record Held(int pid, LeakDetector.Lease lease) {
        }
        // Each lease read once: holders off the loop set and clear theirs while we look.
        List<Held> held = new ArrayList<>();
        for (PooledConnection pc : all) {
            LeakDetector.Lease lease = pc.lease;
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

    /** True when handles must be tracked: callers then capture {@link #acquisitionSite()} on their own thread. */
    public boolean detectsLeaks() {
        return leaks != null;
    }

    /** Where the caller is acquiring a handle: captured on the caller's thread, before any hop. Any thread. */
    public static Throwable acquisitionSite() {
        return new Throwable("Pg handle acquired here");
    }

    /** Watches the handle now holding {@code pc}, acquired at {@code site}, when leak detection is on. The holder's thread. */
    public void track(Object handle, PooledConnection pc, Throwable site) {
        if (leaks != null) {
            pc.lease = leaks.track(handle, this, pc, site);
        }
    }

    // ------------------------------------------------------------------ release (any thread)

    /**
     * Takes back one lease of {@code pc}; when it was the last, resets and reuses the connection.
     * Any thread: off the loop, a handle's connection that needs nothing from the loop goes onto the
     * shared stack with one CAS; anything else hops to the loop.
     */
    public void release(PooledConnection pc) {
        if (!shard.inLoop()) {
            if (!releaseOffLoop(pc)) {
                // Closed here, while the caller still holds its handle: once the handle is garbage the
                // leak detector must already know it was closed, not only once the loop gets to it.
                closeLease(pc);
                shard.execute(() -> release(pc));
            }
            return;
        }
        closeLease(pc);
        if (--pc.leases > 0) {
            serve(pc);
            return;
        }
        lent--;
        if (pc.shared) {
            pc.shared = false;
            sharing.remove(pc);
        }
        giveBack(pc);
    }

    private static void closeLease(PooledConnection pc) {
        LeakDetector.Lease lease = pc.lease;
        if (lease != null) {
            pc.lease = null;
            lease.closed();
        }
    }

    /**
     * Puts a handle's connection on the shared stack, on its holder's thread, unless the loop must
     * see it: queued callers (FIFO), a reset to send (open transaction, touched session), a broken,
     * discarded or retired connection, or a closing pool. The connection's state was last written
     * by the completion of the holder's statements, which the holder has seen. Returns false when
     * the loop must take it.
     */
    private boolean releaseOffLoop(PooledConnection pc) {
        PgConnection c = pc.connection;
        long now = clock;
        if (hasWaiters || closing || pc.shared || pc.leases != 1 || pc.discarded || !c.isUsable()
                || now - pc.retireAtNanos > 0 || c.transactionStatus() != 'I' || c.sessionTouched()
                || c.awaitsAbandonedAnswer()) {
            return false;
        }
        closeLease(pc);
        pc.leases = 0;
        pc.lastUsedNanos = now;
        offLoopIdle.push(pc);
        // Dekker with enqueue(): it sets hasWaiters, then looks at the stack; we pushed, then look at hasWaiters.
        if (hasWaiters) {
            onLoop(this::serveWaitersFromOffLoopIdle);
        }
        return true;
    }

    /** Runs {@code task} on the loop unless the loop has shut down (then the pool is gone too). */
    private void onLoop(Runnable task) {
        try {
            shard.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("shard {} has shut down; dropped a pool task", shard.id());
        }
    }

    /** A leaked handle's connection, given back unless it was already released. Any thread. */
    void reclaim(PooledConnection pc, LeakDetector.Lease lease) {
        shard.execute(() -> {
            if (pc.lease == lease) {
                release(pc);
            }
        });
    }

    private void giveBack(PooledConnection pc) {
        PgConnection c = pc.connection;
        long now = clock;
        if (pc.discarded || !c.isUsable() || closing || now - pc.retireAtNanos > 0) {
            discard(pc);
            refill();
            return;
        }
        if (c.awaitsAbandonedAnswer()) {
            // A statement timed out and the server has not answered it (or its cancel) yet. Wait for
            // that answer, as long as a login may take, before anyone queues behind it: a stalled
            // server or network then costs this connection, not the next caller's call.
            runForPool(pc, "", connector.config().connectTimeout(), () -> { });
            return;
        }
        boolean inTx = c.transactionStatus() != 'I';
        if (inTx || c.sessionTouched()) {
            String sql = inTx && c.sessionTouched() ? "ROLLBACK; " + RESET_SESSION : inTx ? "ROLLBACK" : RESET_SESSION;
            runForPool(pc, sql, RESET_DEADLINE, () -> c.resetSessionState());
            return;
        }
        pc.lastUsedNanos = now;
        serve(pc);
    }

    /**
     * Runs {@code sql} on a connection the pool holds (a reset or a health check), then reuses it,
     * or discards it when that failed. Loop only.
     */
    void runForPool(PooledConnection pc, String sql, Duration deadline, Runnable onSuccess) {
        pc.busyWithPool = true;
        pc.connection.script(sql, System.nanoTime() + deadline.toNanos()).onComplete((results, err) -> {
            pc.busyWithPool = false;
            if (results != null) {
                results.forEach(QueryResult::close);
            }
            if (err != null) {
                log.debug("{} failed on {}: {}", sql, pc.connection, err.getMessage());
                discard(pc);
                refill();
                return;
            }
            onSuccess.run();
            giveBack(pc);
        });
    }

    /**
     * Gives a free or pipelining connection to waiters in order, then idles it if still free; a
     * shared one that awaits an abandoned statement's answer takes no more waiters. Loop only. The
     * waiters' futures complete only once the pool's state is settled: a continuation runs inline
     * and may give the connection straight back (re-entering here), which must not find it
     * half-served, or it would be idled twice and handed to two holders.
     */
    private void serve(PooledConnection pc) {
        Waiter w;
        Waiter served = null;
        List<Waiter> alsoServed = null;
        while ((w = waiters.peek()) != null) {
            if (pc.leases > 0 && (!pc.shared || !w.shared || pc.leases >= settings.pipeliningDepth()
                    || pc.connection.awaitsAbandonedAnswer())) {
                break;
            }
            waiters.poll();
            if (waiters.isEmpty()) {
                waitersChanged();
            }
            if (pc.leases == 0) {
                lent++;
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

    // ------------------------------------------------------------------ connections come and go (loop)

    /** Closes {@code pc} and forgets it; safe to call twice. Loop only. */
    void discard(PooledConnection pc) {
        if (pc.discarded) {
            return;
        }
        pc.discarded = true;
        all.remove(pc);
        offLoopIdle.freeSlot(pc);
        closed++;
        pc.connection.close();
    }

    /** The server closed the connection (or the socket broke): drop it now if nobody holds it. Loop. */
    private void onBroken(PooledConnection pc) {
        if (pc.leases == 0 && !pc.busyWithPool && idle.remove(pc)) {
            discard(pc);
        } else {
            List<PooledConnection> usable = new ArrayList<>();
            for (PooledConnection o : takeAllOffLoopIdle()) {
                if (o.connection.isUsable()) {
                    usable.add(o);
                } else {
                    discard(o);
                }
            }
            returnOffLoopIdle(usable);
        }
        refill();
    }

    /** Empties the shared stack into the loop's hands, least recently used first. Loop only. */
    List<PooledConnection> takeAllOffLoopIdle() {
        PooledConnection[] topFirst = offLoopIdle.takeAll();
        if (topFirst.length == 0) {
            return List.of();
        }
        removalsByLoop++;
        lent -= topFirst.length;
        List<PooledConnection> oldestFirst = new ArrayList<>(topFirst.length);
        for (int i = topFirst.length - 1; i >= 0; i--) {
            oldestFirst.add(topFirst[i]);
        }
        return oldestFirst;
    }

    /** Puts back what {@link #takeAllOffLoopIdle} took and kept, oldest first, then serves any queued callers. Loop only. */
    void returnOffLoopIdle(List<PooledConnection> oldestFirst) {
        for (PooledConnection pc : oldestFirst) {
            if (closing) {
                discard(pc);
            } else {
                lent++;
                offLoopIdle.push(pc);
            }
        }
        serveWaitersFromOffLoopIdle();
    }

    /** Opens what minSize and the queued callers need, within maxSize and the reconnect backoff. Loop only. */
    void refill() {
        if (closing) {
            return;
        }
        int total = all.size() + connecting;
        int wanted = Math.max(settings.minSize() - total, waiters.size() - connecting);
        connect(Math.min(wanted, settings.maxSize() - total));
    }

    private void connect(int n) {
        for (int i = 0; i < n && all.size() + connecting < settings.maxSize() && !closing; i++) {
            if (failures > 0) {
                // The server was unreachable: one probe at a time, after a jittered pause, so a
                // restarted server is not hit by every shard and every waiter at once.
                if (connecting > 0) {
                    return;
                }
                long wait = nextAttemptNanos - System.nanoTime();
                if (wait > 0) {
                    scheduleRetry(wait);
                    return;
                }
            }
            openOne();
        }
    }

    private void scheduleRetry(long nanos) {
        if (retryScheduled) {
            return;
        }
        retryScheduled = true;
        shard.schedule(Duration.ofNanos(nanos), () -> {
            retryScheduled = false;
            refill();
        });
    }

    private void openOne() {
        connecting++;
        connector.connect(shard).onComplete((conn, err) -> {
            connecting--;
            if (err != null) {
                connectFailed(err);
                return;
            }
            failures = 0;
            created++;
            if (closing) {
                conn.close();
                closed++;
                return;
            }
            long now = System.nanoTime();
            clock = now;
            PooledConnection pc = new PooledConnection(conn, now, retireAt(now), offLoopIdle.claimSlot());
            offLoopIdle.register(pc);
            all.add(pc);
            conn.onBroken(() -> onBroken(pc));
            serve(pc);
            refill();
        });
    }

    /** Lifetimes end up to 10% early, at random, so connections opened together do not all retire together. */
    private long retireAt(long now) {
        Duration life = settings.maxLifetime();
        if (life == null) {
            return now + Long.MAX_VALUE / 2;
        }
        long n = life.toNanos();
        return now + n - ThreadLocalRandom.current().nextLong(n / 10 + 1);
    }

    private void connectFailed(Throwable err) {
        failures++;
        nextAttemptNanos = System.nanoTime() + settings.reconnect().delay(failures - 1).toNanos();
        log.debug("shard {}: connection attempt {} failed: {}", shard.id(), failures, err.getMessage());
        if (all.isEmpty()) {
            // Nothing open could serve them soon: surface the cause (server down, wrong password) now.
            Waiter w;
            while ((w = waiters.poll()) != null) {
                times.record(System.nanoTime() - w.startNanos);
                w.promise.fail(err);
            }
            waitersChanged();
        }
        refill();
    }

    // ------------------------------------------------------------------ shutdown (loop)

    /** Stops handing out connections, fails the waiters and closes the idle connections. Loop only. */
    public void close() {
        closing = true;
        upkeep.stop();
        Waiter w;
        while ((w = waiters.poll()) != null) {
            w.promise.fail(closedPool());
        }
        waitersChanged();
        PooledConnection pc;
        while ((pc = idle.poll()) != null) {
            discard(pc);
        }
        takeAllOffLoopIdle().forEach(this::discard);
    }

    /** Closes (Terminate) the connections still out, after close()'s grace period. Loop only. */
    public void terminateLent() {
        // Handles given back off the loop while close() ran may have landed on the stack.
        takeAllOffLoopIdle();
        for (PooledConnection pc : List.copyOf(all)) {
            discard(pc);
        }
        sharing.clear();
        lent = 0;
    }

    static PgConnectionException closedPool() {
        return new PgConnectionException("the pool is closed");
    }

    // ------------------------------------------------------------------ figures

    /**
     * This shard's figures; exact on the loop (but for claims and give-backs off the loop in that
     * very moment), a racy but harmless read elsewhere.
     */
    public PoolStats stats() {
        if (shard.inLoop()) {
            countOffLoopAcquisitions();
        }
        return new PoolStats(inUseNow(), idleNow(), waiters.size(), all.size() + connecting, created, closed,
                times.percentile(0.5), times.percentile(0.99), times.max(), List.of());
    }

    /** Adds the claims made off the loop since last time to the acquire figures (each served at once). Loop only. */
    void countOffLoopAcquisitions() {
        int removals = offLoopIdle.removals();
        times.recordImmediate(offLoopAcquisitionsSince(removals));
        removalsSeen = removals;
        removalsByLoop = 0;
    }

    private int offLoopAcquisitionsSince(int removals) {
        return Math.max(0, removals - removalsSeen - removalsByLoop);
    }

    /** Plain reads for metrics gauges from any thread (values may be a little stale). */
    public int inUseNow() {
        return Math.max(0, lent - offLoopIdle.size());
    }

    public int idleNow() {
        return idle.size() + offLoopIdle.size();
    }

    public int waitingNow() {
        return waiters.size();
    }

    public int totalNow() {
        return all.size() + connecting;
    }

    public long createdNow() {
        return created;
    }

    public long closedNow() {
        return closed;
    }

    public long acquireCountNow() {
        return times.count() + offLoopAcquisitionsSince(offLoopIdle.removals());
    }

    public long acquireTotalNanosNow() {
        return times.totalNanos();
    }
}
