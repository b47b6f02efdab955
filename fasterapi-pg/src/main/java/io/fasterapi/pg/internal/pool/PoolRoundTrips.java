package io.fasterapi.pg.internal.pool;

import io.fasterapi.pg.QueryResult;
import io.fasterapi.pg.internal.connection.PgConnection;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The round trips a shard's pool makes on a connection for its own sake, never a caller's: what a
 * connection given back needs before its next user, and the upkeep's health check (an empty query,
 * the cheapest round trip). Meanwhile the connection is busy with the pool, held by nobody and idle
 * nowhere; when the round trip succeeds it is given back again (and so looked at again), and when
 * it fails it is closed and replaced.
 *
 * <p>Before reuse, in this order: a statement abandoned at its deadline whose answer (or whose
 * cancel's) has not arrived is waited for, as long as a login may take, so that a stalled server
 * or network costs this connection and not the next caller's call; an open or failed transaction is
 * rolled back; a session that ran {@code SET}, {@code LISTEN} or {@code DECLARE CURSOR} gets
 * {@value #RESET_SESSION} (PgPool's Javadoc says why exactly these).
 *
 * <p>Threads: the shard's event loop only.
 */
final class PoolRoundTrips {
    private static final Logger log = LoggerFactory.getLogger(PoolRoundTrips.class);
    /** Session state a previous user may have left. */
    static final String RESET_SESSION = "RESET ALL; UNLISTEN *; CLOSE ALL";
    private static final Duration RESET_DEADLINE = Duration.ofSeconds(10);

    private final ShardPool pool;
    /** How long an abandoned statement's answer is waited for: the DSN's {@code connect_timeout}. */
    private final Duration abandonedAnswerWait;
    /** Round trips in flight: connections held by the pool itself, neither idle nor in use. */
    private int running;

    PoolRoundTrips(ShardPool pool, Duration abandonedAnswerWait) {
        this.pool = pool;
        this.abandonedAnswerWait = abandonedAnswerWait;
    }

    /**
     * Starts what {@code pc}, given back, needs before reuse; the pool asks only when
     * {@link #neededBeforeReuse} said so.
     */
    void prepareForReuse(PooledConnection pc) {
        PgConnection c = pc.connection;
        if (c.awaitsAbandonedAnswer()) {
            run(pc, "", abandonedAnswerWait, () -> { });
            return;
        }
        boolean inTx = c.transactionStatus() != 'I';
        // Behind a transaction pooler no session state outlives a transaction (the connection refuses what
        // would leave some): a reset would only land on whichever server connection the pooler lends next.
        boolean reset = c.sessionTouched() && !c.behindTransactionPooler();
        String sql = inTx && reset ? "ROLLBACK; " + RESET_SESSION : inTx ? "ROLLBACK" : reset ? RESET_SESSION : "";
        run(pc, sql, RESET_DEADLINE, c::resetSessionState);
    }

    /** True when {@code c} needs a round trip before its next user (see the class comment). */
    static boolean neededBeforeReuse(PgConnection c) {
        return c.awaitsAbandonedAnswer() || c.transactionStatus() != 'I' || c.sessionTouched();
    }

    /** Round trips in flight. Loop only, or a racy read for figures. */
    int running() {
        return running;
    }

    /** Sends an idle connection an empty query before anyone reuses it, within {@code deadline}. */
    void healthCheck(PooledConnection pc, Duration deadline) {
        run(pc, "", deadline, () -> pc.lastUsedNanos = System.nanoTime());
    }

    private void run(PooledConnection pc, String sql, Duration deadline, Runnable onSuccess) {
        pc.busyWithPool = true;
        running++;
        pc.connection.script(sql, System.nanoTime() + deadline.toNanos()).onComplete((results, err) -> {
            pc.busyWithPool = false;
            running--;
            if (results != null) {
                results.forEach(QueryResult::close);
            }
            if (err != null) {
                log.debug("{} failed on {}: {}", sql, pc.connection, err.getMessage());
                pool.discard(pc);
                pool.refill();
                return;
            }
            onSuccess.run();
            pool.giveBack(pc);
        });
    }
}
