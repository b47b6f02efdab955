package io.fasterapi.pg;

import io.fasterapi.core.Deadline;
import io.fasterapi.core.LongLived;
import io.fasterapi.core.Shard;
import java.time.Duration;
import java.util.Objects;

/**
 * A primary and its read replicas (hot standbys) as two pools: writes go to the primary's, reads
 * that may see slightly old data to the replicas', and a {@link Session} per unit of work (a web
 * request) sees its own writes.
 *
 * {@snippet :
 * PgReplicas db = PgReplicas.of(
 *         PgPool.builder("host=db1,db2 target_session_attrs=read-write").build(),      // follows failover
 *         PgPool.builder("host=db2,db1 target_session_attrs=prefer-standby").build())  // falls back to the primary
 *     .afterWrite(PgReplicas.AfterWrite.WAIT_FOR_REPLAY, Duration.ofMillis(500));
 * try (PgReplicas.Session s = db.session()) {        // one per request, from a virtual thread
 *     s.reads().exec("SELECT count(*) FROM items");   // a standby: may lag
 *     s.writes().exec("INSERT INTO items(name) VALUES ($1)", "Widget");
 *     s.reads().exec("SELECT count(*) FROM items");   // sees the insert (a standby that replayed it, else the primary)
 * }
 * }
 *
 * <p>Which server a pool reaches is its DSN's business: {@code target_session_attrs=standby} for
 * replicas only (reads fail while none is up), {@code prefer-standby} to fall back to the primary,
 * {@code load_balance_hosts=random} to spread reads over several standbys; the primary's pool with
 * {@code read-write} (or {@code primary}) follows a promotion.
 *
 * <p><b>Replication lag.</b> A standby replays the primary's WAL asynchronously (unless the primary
 * waits for it with {@code synchronous_commit=remote_apply}): a read there may not yet see a write
 * committed on the primary, by this request or another, milliseconds to seconds ago, and longer
 * while the standby is busy or its replay is held by a conflicting query. Send a read to the replicas
 * only where such a stale answer is acceptable; a {@link Session} guarantees only that it sees its
 * own committed writes ({@link AfterWrite}).
 *
 * <p>Threads: any for the accessors; a session's handles are blocking handles (virtual threads),
 * as {@link PgPool#shared()}'s. Closing this closes both pools.
 */
public final class PgReplicas implements LongLived {
    /** What a {@link Session}'s reads do once it has taken its write handle. */
    public enum AfterWrite {
        /** Every later read of the session runs on the primary (no wait, more load on the primary). */
        PRIMARY,
        /**
         * Each later read first asks the primary for its WAL insert position
         * ({@code pg_current_wal_insert_lsn()}) and waits, on a replica connection of the session's own,
         * until that replica has replayed up to it ({@code pg_last_wal_replay_lsn()}), up to the maximum
         * wait; past it, the read runs on the primary. A replica that is not in recovery (the replicas'
         * pool fell back to the primary) needs no wait.
         */
        WAIT_FOR_REPLAY
    }

    private final PgPool primary;
    private final PgPool replicas;
    private final AfterWrite afterWrite;
    private final Duration maxWait;

    private PgReplicas(PgPool primary, PgPool replicas, AfterWrite afterWrite, Duration maxWait) {
        this.primary = Objects.requireNonNull(primary, "primary");
        this.replicas = Objects.requireNonNull(replicas, "replicas");
        this.afterWrite = Objects.requireNonNull(afterWrite, "afterWrite");
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative, got " + maxWait);
        }
    }

    /** Writes to {@code primary}, reads to {@code replicas}; after a write, a session reads on the primary. */
    public static PgReplicas of(PgPool primary, PgPool replicas) {
        return new PgReplicas(primary, replicas, AfterWrite.PRIMARY, Duration.ZERO);
    }

    /**
     * The same pools with another read-your-writes policy; {@code maxWait} bounds each wait for a
     * replica's replay ({@link AfterWrite#WAIT_FOR_REPLAY}; ignored by {@link AfterWrite#PRIMARY}).
     */
    public PgReplicas afterWrite(AfterWrite policy, Duration maxWait) {
        return new PgReplicas(primary, replicas, policy, maxWait);
    }

    /** The primary's pool. */
    public PgPool primary() {
        return primary;
    }

    /** The replicas' pool. */
    public PgPool replicas() {
        return replicas;
    }

    /** A unit of work with no deadline of its own beyond the pools'. */
    public Session session() {
        return new Session(null);
    }

    /** A unit of work whose every call ends by {@code deadline} (a web request's). */
    public Session session(Deadline deadline) {
        return new Session(Objects.requireNonNull(deadline, "deadline"));
    }

    /** Closes both pools (each with its default grace period). */
    @Override
    public void close() {
        try {
            replicas.close();
        } finally {
            primary.close();
        }
    }

    /**
     * One unit of work, such as a web request: {@link #reads()} goes to a replica until the session
     * takes {@link #writes()}; from then on each {@link #reads()} sees the session's committed writes,
     * as the {@link AfterWrite} policy says. Handles are taken lazily and given back by {@link #close()}.
     * Not thread-safe: one thread at a time (a request's).
     */
    public final class Session implements AutoCloseable {
        private final Deadline deadline;
        private Pg writes;
        private Pg sharedReads;
        /** A replica connection of the session's own: the replay check and the reads run on one server. */
        private Pg ownReplica;
        private boolean closed;

        private Session(Deadline deadline) {
            this.deadline = deadline;
        }

        /** Whether the session has taken its write handle (its reads now see its writes). */
        public boolean wrote() {
            return writes != null;
        }

        /**
         * The session's handle on the primary ({@link PgPool#shared()}), for writes and for reads that
         * must not lag. From here on, {@link #reads()} sees what the session commits through it.
         */
        public Pg writes() {
            open();
            if (writes == null) {
                writes = deadline == null ? primary.shared() : primary.shared(deadline);
            }
            return writes;
        }

        /**
         * A handle for reads: before any write, the replicas' ({@link PgPool#shared()}); after one,
         * per {@link AfterWrite}: the write handle, or a replica connection that has replayed
         * everything the primary had written when this was called (else, past the maximum wait, the
         * write handle). Call it again before each read that must see writes made since. Blocking
         * once the session wrote (a round trip to the primary, and the wait).
         */
        public Pg reads() {
            open();
            if (writes == null) {
                if (sharedReads == null) {
                    sharedReads = deadline == null ? replicas.shared() : replicas.shared(deadline);
                }
                return sharedReads;
            }
            if (afterWrite == AfterWrite.PRIMARY) {
                return writes;
            }
            Shard.checkMayBlock("PgReplicas.Session.reads()");
            String position = writes.exec("SELECT pg_current_wal_insert_lsn()::text").scalar(String.class);
            if (ownReplica == null) {
                ownReplica = deadline == null ? replicas.get() : replicas.get(deadline);
            }
            return caughtUp(ownReplica, position) ? ownReplica : writes;
        }

        /** Polls {@code replica} until it has replayed up to {@code position}, up to the maximum wait. */
        private boolean caughtUp(Pg replica, String position) {
            long end = System.nanoTime() + maxWait.toNanos();
            long pause = 1;
            for (;;) {
                Boolean done = replica.exec("SELECT NOT pg_is_in_recovery() OR pg_last_wal_replay_lsn() >= $1::pg_lsn",
                        position).scalar(Boolean.class);
                if (Boolean.TRUE.equals(done)) {
                    return true;
                }
                long left = end - System.nanoTime();
                if (left <= 0 || deadline != null && deadline.remainingNanos() == 0) {
                    return false;
                }
                try {
                    Thread.sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                pause = Math.min(pause * 2, 20);
            }
        }

        private void open() {
            if (closed) {
                throw new IllegalStateException("the session is closed");
            }
        }

        /** Gives back the handles it took. Idempotent. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            for (Pg pg : new Pg[] {ownReplica, sharedReads, writes}) {
                if (pg != null) {
                    pg.close();
                }
            }
        }
    }
}
