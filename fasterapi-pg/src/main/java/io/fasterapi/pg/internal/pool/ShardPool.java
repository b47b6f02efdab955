package io.fasterapi.pg.internal.pool;

import io.fasterapi.core.Cancellable;
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
 * <p>Thread ownership: everything here runs on the shard's event loop (only {@link #release} and
 * {@link #reclaim} may be called from anywhere and hop there), so acquire and release take no lock
 * and no atomic; the clock on the fast path is the upkeep tick's, not a {@code nanoTime()} call.
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
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    /** Every open connection, whatever its state. */
    final List<PooledConnection> all = new ArrayList<>();
    /** Connections leased to pipelined async statements. */
    private final List<PooledConnection> sharing = new ArrayList<>();
    final AcquireTimes times = new AcquireTimes();
    private final PoolUpkeep upkeep;
    private int inUse;
    private int connecting;
    boolean closing;
    private long created;
    private long closed;
    /** Consecutive failed connection attempts; while > 0 only one attempt is in flight. */
    private int failures;
    private long nextAttemptNanos;
    private boolean retryScheduled;
    /** The upkeep tick's clock: coarse, but free to read on the hot path. */
    long clock = System.nanoTime();

    public ShardPool(Shard shard, Connector connector, PoolSettings settings) {
        this.shard = shard;
        this.connector = connector;
        this.settings = settings;
        this.leaks = settings.leakReporter() == null ? null : new LeakDetector(settings.leakReporter());
        this.upkeep = new PoolUpkeep(this);
    }

    private final class Waiter {
        final Promise<PooledConnection> promise = new Promise<>(shard);
        final boolean shared;
        final long startNanos = System.nanoTime();
        Cancellable timer;

        Waiter(boolean shared) {
            this.shared = shared;
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
                inUse++;
                times.recordImmediate();
                return pc;
            }
            discard(pc);
        }
        return null;
    }

    /** A connection for one handle alone, or a failure at {@code timeout}. Loop only. */
    public Future<PooledConnection> acquire(Duration timeout) {
        PooledConnection pc = tryAcquire();
        return pc != null ? Future.ready(pc) : enqueue(false, timeout);
    }

    /**
     * A connection for one async statement: an idle one if any, else the least busy of those
     * already shared below the pipelining depth; null when neither. Loop only.
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
                    && s.connection.isUsable()) {
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
        Waiter w = new Waiter(shared);
        waiters.add(w);
        if (connecting < waiters.size()) {
            connect(1);
        }
        w.timer = shard.schedule(timeout, () -> {
            if (waiters.remove(w)) {
                times.record(System.nanoTime() - w.startNanos);
                w.promise.fail(new PgConnectionException("pool exhausted: no connection within " + timeout
                        + " on shard " + shard.id() + " (" + stats() + ")" + oldestHandles()));
            }
        });
        return w.promise;
    }

    /** With leak detection on: where the oldest handles still out were acquired. */
    private String oldestHandles() {
        if (leaks == null) {
            return "";
        }
        String sites = all.stream().filter(pc -> pc.lease != null)
                .sorted(Comparator.comparingLong(pc -> pc.lease.acquiredNanos)).limit(3)
                .map(pc -> "pid " + pc.connection.processId() + " held for "
                        + Duration.ofNanos(System.nanoTime() - pc.lease.acquiredNanos).toMillis() + " ms, acquired at "
                        + LeakSites.where(pc.lease.acquiredAt))
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

    /** Watches the handle now holding {@code pc}, acquired at {@code site}, when leak detection is on. Loop only. */
    public void track(Object handle, PooledConnection pc, Throwable site) {
        if (leaks != null) {
            pc.lease = leaks.track(handle, this, pc, site);
        }
    }

    // ------------------------------------------------------------------ release (any thread → loop)

    /** Takes back one lease of {@code pc}; when it was the last, resets and reuses the connection. Any thread. */
    public void release(PooledConnection pc) {
        if (!shard.inLoop()) {
            shard.execute(() -> release(pc));
            return;
        }
        LeakDetector.Lease lease = pc.lease;
        if (lease != null) {
            pc.lease = null;
            lease.closed();
        }
        if (--pc.leases > 0) {
            serve(pc);
            return;
        }
        inUse--;
        if (pc.shared) {
            pc.shared = false;
            sharing.remove(pc);
        }
        giveBack(pc);
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
        if (pc.discarded || !c.isUsable() || closing || clock - pc.retireAtNanos > 0) {
            discard(pc);
            refill();
            return;
        }
        boolean inTx = c.transactionStatus() != 'I';
        if (inTx || c.sessionTouched()) {
            String sql = inTx && c.sessionTouched() ? "ROLLBACK; " + RESET_SESSION : inTx ? "ROLLBACK" : RESET_SESSION;
            runForPool(pc, sql, RESET_DEADLINE, () -> c.resetSessionState());
            return;
        }
        pc.lastUsedNanos = clock;
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
     * Gives a free or pipelining connection to waiters in order, then idles it if still free. Loop
     * only. The waiters' futures complete only once the pool's state is settled: a continuation
     * runs inline and may give the connection straight back (re-entering here), which must not find
     * it half-served, or it would be idled twice and handed to two holders.
     */
    private void serve(PooledConnection pc) {
        Waiter w;
        Waiter served = null;
        List<Waiter> alsoServed = null;
        while ((w = waiters.peek()) != null) {
            if (pc.leases > 0 && (!pc.shared || !w.shared || pc.leases >= settings.pipeliningDepth())) {
                break;
            }
            waiters.poll();
            w.timer.cancel();
            if (pc.leases == 0) {
                inUse++;
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
        closed++;
        pc.connection.close();
    }

    /** The server closed the connection (or the socket broke): drop it now if nobody holds it. Loop. */
    private void onBroken(PooledConnection pc) {
        if (pc.leases == 0 && !pc.busyWithPool && idle.remove(pc)) {
            discard(pc);
        }
        refill();
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
            PooledConnection pc = new PooledConnection(conn, now, retireAt(now));
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
                w.timer.cancel();
                times.record(System.nanoTime() - w.startNanos);
                w.promise.fail(err);
            }
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
            w.timer.cancel();
            w.promise.fail(closedPool());
        }
        PooledConnection pc;
        while ((pc = idle.poll()) != null) {
            discard(pc);
        }
    }

    /** Closes (Terminate) the connections still out, after close()'s grace period. Loop only. */
    public void terminateLent() {
        for (PooledConnection pc : List.copyOf(all)) {
            discard(pc);
        }
        sharing.clear();
        inUse = 0;
    }

    static PgConnectionException closedPool() {
        return new PgConnectionException("the pool is closed");
    }

    // ------------------------------------------------------------------ figures

    /** This shard's figures; exact on the loop, a racy but harmless read elsewhere. */
    public PoolStats stats() {
        return new PoolStats(inUse, idle.size(), waiters.size(), all.size() + connecting, created, closed,
                times.percentile(0.5), times.percentile(0.99), times.max(), List.of());
    }

    /** Plain reads for metrics gauges from any thread (values may be a little stale). */
    public int inUseNow() {
        return inUse;
    }

    public int idleNow() {
        return idle.size();
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
        return times.count();
    }

    public long acquireTotalNanosNow() {
        return times.totalNanos();
    }
}
