package io.fasterapi.pg.internal.pool;

import io.fasterapi.core.Shard;
import io.fasterapi.pg.internal.connection.Connector;
import io.fasterapi.pg.internal.connection.PgConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every open connection of one shard, whatever its state, and the attempts to open more: as many
 * as its pool asks for, within the policy's {@link PoolPolicy#maxSize()}. Once an attempt fails
 * (the server is down or unreachable), only one attempt is in flight at a time, each after a
 * jittered exponential pause ({@link Backoff}), so a restarted server is not hit by every shard and
 * every waiter at once; the first success ends the pauses. While some host answers but none has the
 * role {@code target_session_attrs} asks for (a failover under way), the pause is at most
 * {@link #ROLE_CHANGE_PAUSE}, so a promoted standby is found within moments. A connection's lifetime is drawn as it
 * opens; it gets its slot in the {@link SharedIdleStack} then, and gives it up when closed here.
 *
 * <p>Threads: the shard's event loop only; the counts are also read elsewhere, racily, for figures.
 */
final class ShardConnections {
    private static final Logger log = LoggerFactory.getLogger(ShardConnections.class);
    /** The longest pause while a host answers but none matches {@code target_session_attrs}. */
    static final Duration ROLE_CHANGE_PAUSE = Duration.ofMillis(250);

    private final ShardPool pool;
    private final Shard shard;
    private final Connector connector;
    private final PoolPolicy policy;
    private final Backoff backoff;
    /** Null when connections never retire. */
    private final Duration maxLifetime;
    private final OffLoopIdle offLoopIdle;
    private final List<PooledConnection> open = new ArrayList<>();
    /** Open connections per host of the DSN, by its index there (plain ints: read racily for figures). */
    private final int[] openPerHost;
    private int connecting;
    /** Consecutive failed attempts; while > 0 only one attempt is in flight. */
    private int failures;
    private long nextAttemptNanos;
    /** When the current run of failed attempts began (valid while failures > 0). */
    private long outageStartNanos;
    private String lastFailure;
    private boolean retryScheduled;
    private long created;
    private long closed;

    ShardConnections(ShardPool pool, Connector connector, PoolSettings settings, OffLoopIdle offLoopIdle) {
        this.pool = pool;
        this.shard = pool.shard();
        this.connector = connector;
        this.policy = settings.policy();
        this.backoff = settings.reconnect();
        this.maxLifetime = settings.maxLifetime();
        this.offLoopIdle = offLoopIdle;
        this.openPerHost = new int[connector.config().hosts().size()];
    }

    /** Open connections per host of the DSN, in its order (a copy; racy off the loop, for figures). */
    int[] openPerHost() {
        return openPerHost.clone();
    }

    private int hostIndex(PgConnection c) {
        return connector.config().hosts().indexOf(c.host());
    }

    /** Open connections, not counting attempts in flight. */
    int open() {
        return open.size();
    }

    /** Attempts in flight. */
    int connecting() {
        return connecting;
    }

    long created() {
        return created;
    }

    long closed() {
        return closed;
    }

    /** The open connections, in the order they opened (a live view: copy it before closing any). */
    List<PooledConnection> all() {
        return open;
    }

    /** Starts up to {@code n} attempts, within maxSize and the backoff (then a retry is scheduled). */
    void open(int n) {
        for (int i = 0; i < n && open.size() + connecting < policy.maxSize() && !pool.isClosing(); i++) {
            if (failures > 0) {
                // The server was unreachable: one probe at a time, after a jittered pause.
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
            pool.refill();
        });
    }

    private void openOne() {
        connecting++;
        connector.connect(shard).onComplete((conn, err) -> {
            connecting--;
            if (err != null) {
                if (failures++ == 0) {
                    outageStartNanos = System.nanoTime();
                }
                lastFailure = err.getMessage();
                nextAttemptNanos = System.nanoTime() + pause().toNanos();
                log.debug("shard {}: connection attempt {} failed: {}", shard.id(), failures, err.getMessage());
                pool.connectFailed(err);
                return;
            }
            failures = 0;
            created++;
            opened(conn);
        });
    }

    /**
     * Whether callers should go on waiting for a connection although the last attempt failed: this
     * shard had connections before (a working configuration, so a failover or restart under way, not
     * a wrong address or password at startup) and its attempts have failed for less than {@code waitNanos}.
     */
    boolean ridingOutOutage(long waitNanos) {
        return waitNanos > 0 && created > 0 && failures > 0 && System.nanoTime() - outageStartNanos < waitNanos;
    }

    /** While attempts fail, what callers that gave up should be told: since when, and the last error; else "". */
    String outageNote() {
        if (failures == 0 || lastFailure == null) {
            return "";
        }
        return "; connection attempts have failed for " + (System.nanoTime() - outageStartNanos) / 1_000_000
                + " ms (" + failures + " attempts), the last: " + lastFailure;
    }

    /**
     * The pause before the next attempt: the backoff's, but no longer than {@link #ROLE_CHANGE_PAUSE}
     * while some host answers and only its role was wrong for {@code target_session_attrs} (a failover
     * under way: the standby is promoted within moments, and new connections should reach it then).
     */
    private Duration pause() {
        Duration d = backoff.delay(failures - 1);
        if (d.compareTo(ROLE_CHANGE_PAUSE) > 0 && connector.health().someHostUp()) {
            long cap = ROLE_CHANGE_PAUSE.toNanos();
            return Duration.ofNanos(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
        }
        return d;
    }

    private void opened(PgConnection conn) {
        if (pool.isClosing()) {
            conn.close();
            closed++;
            return;
        }
        long now = System.nanoTime();
        PooledConnection pc = new PooledConnection(conn, now, retireAt(now), offLoopIdle.claimSlot());
        offLoopIdle.register(pc);
        open.add(pc);
        int h = hostIndex(conn);
        if (h >= 0) {
            openPerHost[h]++;
        }
        conn.onBroken(() -> pool.onBroken(pc));
        pool.opened(pc, now);
    }

    /** Lifetimes end up to 10% early, at random, so connections opened together do not all retire together. */
    private long retireAt(long now) {
        if (maxLifetime == null) {
            return now + Long.MAX_VALUE / 2;
        }
        long n = maxLifetime.toNanos();
        return now + n - ThreadLocalRandom.current().nextLong(n / 10 + 1);
    }

    /** Closes {@code pc} and forgets it; safe to call twice. */
    void discard(PooledConnection pc) {
        if (pc.discarded) {
            return;
        }
        pc.discarded = true;
        open.remove(pc);
        int h = hostIndex(pc.connection);
        if (h >= 0) {
            openPerHost[h]--;
        }
        offLoopIdle.freeSlot(pc);
        closed++;
        pc.connection.close();
    }

    /** Closes every open connection, held or not (the pool's shutdown, past its grace period). */
    void discardAll() {
        for (PooledConnection pc : List.copyOf(open)) {
            discard(pc);
        }
    }
}
