package io.fasterapi.pg.internal.pool;

import io.fasterapi.core.Cancellable;
import io.fasterapi.core.Future;
import io.fasterapi.core.Promise;
import io.fasterapi.core.Shard;
import io.fasterapi.pg.PgConnectionException;
import io.fasterapi.pg.PoolStats;
import io.fasterapi.pg.internal.connection.Connector;
import io.fasterapi.pg.internal.connection.PgConnection;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.List;

/**
 * The connections of one shard: idle ones (reused most-recently-first, so the warm ones stay warm),
 * FIFO waiters with deadlines, and connects up to {@code maxSize}. Confined to the shard's event
 * loop, so acquire and release take no lock; stats are published through volatile fields.
 */
public final class ShardPool {
    private final Shard shard;
    private final Connector connector;
    private final int minSize;
    private final int maxSize;
    private final ArrayDeque<PgConnection> idle = new ArrayDeque<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    /** Connections handed out, so close() can terminate the ones never given back. */
    private final Set<PgConnection> lent = Collections.newSetFromMap(new IdentityHashMap<>());
    private int inUse;
    private int connecting;
    private boolean closing;
    private volatile PoolStats snapshot = new PoolStats(0, 0, 0, 0, 0, 0, List.of());
    private long created;
    private long closed;

    public ShardPool(Shard shard, Connector connector, int minSize, int maxSize) {
        this.shard = shard;
        this.connector = connector;
        this.minSize = minSize;
        this.maxSize = maxSize;
    }

    private final class Waiter {
        final Promise<PgConnection> promise = new Promise<>(shard);
        Cancellable timer;
    }

    public Shard shard() {
        return shard;
    }

    /** Opens connections up to minSize. Loop only. */
    public void warmUp() {
        while (idle.size() + inUse + connecting < minSize) {
            openOne();
        }
    }

    /** A connection for the caller, or a failure at {@code timeout}. Loop only. */
    public Future<PgConnection> acquire(Duration timeout) {
        if (closing) {
            return Future.failed(PgSession.closedPool());
        }
        PgConnection c;
        while ((c = idle.pollLast()) != null) {
            if (c.isUsable()) {
                inUse++;
                lent.add(c);
                publish();
                return Future.ready(c);
            }
            closed++;
        }
        Waiter w = new Waiter();
        waiters.add(w);
        if (total() < maxSize) {
            openOne();
        }
        w.timer = shard.schedule(timeout, () -> {
            if (waiters.remove(w)) {
                w.promise.fail(new PgConnectionException("pool exhausted: no connection within " + timeout
                        + " on shard " + shard.id() + " (" + stats() + ")"));
                publish();
            }
        });
        publish();
        return w.promise;
    }

    private int total() {
        return idle.size() + inUse + connecting;
    }

    private void openOne() {
        connecting++;
        connector.connect(shard).onComplete((conn, err) -> {
            connecting--;
            if (err != null) {
                // Surface the cause (wrong password, server down) to the oldest waiter rather than a timeout.
                Waiter w = waiters.poll();
                if (w != null) {
                    w.timer.cancel();
                    w.promise.fail(err);
                }
            } else {
                created++;
                if (closing) {
                    conn.close();
                    closed++;
                } else {
                    handOff(conn);
                }
            }
            publish();
        });
    }

    private void handOff(PgConnection conn) {
        Waiter w;
        while ((w = waiters.poll()) != null) {
            if (w.timer != null) {
                w.timer.cancel();
            }
            inUse++;
            lent.add(conn);
            if (w.promise.complete(conn)) {
                return;
            }
            inUse--;
            lent.remove(conn);
        }
        idle.addLast(conn);
    }

    /** Takes a connection back; rolls back an open transaction first. Any thread. */
    public void release(PgConnection conn) {
        if (!shard.inLoop()) {
            shard.execute(() -> release(conn));
            return;
        }
        inUse--;
        lent.remove(conn);
        if (!conn.isUsable() || closing) {
            closed++;
            conn.close();
            if (!waiters.isEmpty() && total() < maxSize && !closing) {
                openOne();
            }
        } else if (conn.transactionStatus() != 'I') {
            inUse++;
            lent.add(conn);
            conn.script("ROLLBACK", 0).onComplete((r, e) -> {
                if (r != null) {
                    r.forEach(io.fasterapi.pg.QueryResult::close);
                }
                release(conn);
            });
            return;
        } else {
            handOff(conn);
        }
        publish();
    }

    /** Stops handing out connections and closes the idle ones. Loop only. */
    public void close() {
        closing = true;
        Waiter w;
        while ((w = waiters.poll()) != null) {
            w.promise.fail(PgSession.closedPool());
        }
        PgConnection c;
        while ((c = idle.poll()) != null) {
            c.close();
            closed++;
        }
        publish();
    }

    /** Closes (Terminate) the connections still handed out, after close()'s grace period. Loop only. */
    public void terminateLent() {
        for (PgConnection c : List.copyOf(lent)) {
            c.close();
            closed++;
        }
        lent.clear();
        inUse = 0;
        publish();
    }

    public int inUse() {
        return snapshot.inUse();
    }

    private void publish() {
        snapshot = new PoolStats(inUse, idle.size(), waiters.size(), total(), created, closed, List.of());
    }

    /** The latest published figures of this shard. Any thread. */
    public PoolStats stats() {
        return snapshot;
    }
}
