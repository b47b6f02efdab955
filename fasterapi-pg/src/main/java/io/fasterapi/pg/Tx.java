package io.fasterapi.pg;

import io.fasterapi.core.Future;
import java.util.Iterator;
import java.util.function.Function;

/**
 * A transaction (or a savepoint inside one) on one connection, from {@link Pg#begin()} or given to
 * the body of {@link Pg#tx}. Closing it without {@link #commit()} rolls it back.
 *
 * {@snippet :
 * try (Tx tx = pg.begin()) {
 *     tx.exec("UPDATE stock SET qty = qty - 1 WHERE item_id = $1", itemId);
 *     try (Tx sp = tx.savepoint()) {           // SAVEPOINT; closed without commit: ROLLBACK TO
 *         sp.exec("INSERT INTO audit(item_id) VALUES ($1)", itemId);
 *         sp.commit();                          // RELEASE SAVEPOINT
 *     }
 *     tx.commit();                              // fails (never silently succeeds) if COMMIT did not commit
 * }
 * }
 *
 * <p>{@link #commit()} throws when the server did not commit: the error of a failing deferred
 * constraint or serialization check, a {@link PgException} when COMMIT answered ROLLBACK (an earlier
 * statement had failed), and {@link TxOutcomeUnknownException} when the connection was lost after
 * COMMIT was sent and before its answer.
 *
 * <p>Threads: as {@link Pg}: blocking methods from virtual threads (they throw on an event loop),
 * {@code ...Async} methods from any thread, completing on the connection's shard. One caller at a time.
 */
public interface Tx extends AutoCloseable {

    /** Runs a statement in this transaction and waits for its result. */
    QueryResult exec(String sql, Object... args);

    /** Async twin of {@link #exec}. */
    Future<QueryResult> execAsync(String sql, Object... args);

    /** Runs a {@link PreparedQuery} in this transaction. */
    QueryResult run(PreparedQuery query, Object... args);

    /** Async twin of {@link #run}. */
    Future<QueryResult> runAsync(PreparedQuery query, Object... args);

    /**
     * Runs {@code query} once per row inside this transaction; see {@link Pg#runMany(PreparedQuery, Iterable)}.
     * A failing row fails the transaction (run the batch in {@link #tx(Function)} to roll back to a
     * savepoint instead).
     */
    default long runMany(PreparedQuery query, Iterable<?> rows) {
        return runMany(query, rows.iterator());
    }

    /** {@link #runMany(PreparedQuery, Iterable)} over rows read lazily; see {@link Pg#runMany(PreparedQuery, Iterator)}. */
    default long runMany(PreparedQuery query, Iterator<?> rows) {
        return pg().runMany(query, rows);
    }

    /** Async twin of {@link #runMany(PreparedQuery, Iterator)}. */
    default Future<Long> runManyAsync(PreparedQuery query, Iterator<?> rows) {
        return pg().runManyAsync(query, rows);
    }

    /** Streams a query's rows in bounded memory inside this transaction; see {@link Pg#stream}. */
    RowStream stream(String sql, int chunkSize, Object... args);

    /** Starts {@code COPY ... FROM STDIN} inside this transaction; see {@link Pg#copyIn}. */
    CopyIn copyIn(String sql);

    /** Runs {@code COPY ... TO STDOUT} inside this transaction; see {@link Pg#copyOut(String, java.io.OutputStream)}. */
    long copyOut(String sql, java.io.OutputStream out);

    /** A savepoint inside this transaction, itself a {@link Tx}: commit releases it, rollback or close returns to it. */
    Tx savepoint();

    /**
     * Runs {@code body} inside a savepoint: released when the body returns, rolled back to when it
     * throws (the exception propagates and this transaction stays usable). No retries: a
     * serialization failure dooms the whole transaction.
     */
    <T> T tx(Function<Tx, T> body);

    /** Commits (or releases the savepoint); see the class comment for the failures. */
    void commit();

    /** Async twin of {@link #commit()}. */
    Future<Void> commitAsync();

    /** Rolls back (or returns to the savepoint and releases it). Succeeds if the connection is gone. */
    void rollback();

    /** Async twin of {@link #rollback()}. */
    Future<Void> rollbackAsync();

    /** True until commit, rollback or close. */
    boolean isActive();

    /** The connection this transaction runs on, for code written against {@link Pg}. Do not close it. */
    Pg pg();

    /** Rolls back unless committed or rolled back already. Idempotent. */
    @Override
    void close();
}
