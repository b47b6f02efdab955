package io.fasterapi.pg;

import io.fasterapi.core.Deadline;
import io.fasterapi.core.Future;
import io.fasterapi.core.Shard;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A handle on one PostgreSQL connection, from {@link PgPool#get()}; {@link #close()} gives it back.
 *
 * {@snippet :
 * try (Pg pg = pool.get()) {
 *     int one = pg.exec("SELECT 1").scalar(Integer.class);
 *     Item item = pg.run(ITEM_BY_ID, 42).one(Item.class);
 * }
 * }
 *
 * <p>Statements run on the extended protocol with {@code $1, $2...} parameters, binary formats and
 * a per-connection statement cache. Async calls pipeline: several may be in flight at once, each
 * completes (on the connection's shard) in submission order, and an error fails only its own call.
 *
 * <p>Threads: the blocking methods ({@code exec}, {@code run}, {@code script}, {@code listen})
 * park the calling thread — use them from virtual threads; on an event loop they throw
 * {@link IllegalStateException} at once. The {@code ...Async} methods may be called from any
 * thread; their futures complete on the connection's shard. A handle is used by one caller at a
 * time.
 */
public interface Pg extends AutoCloseable {

    /** Runs {@code sql} with positional parameters ({@code $1...}) and waits for its result. */
    QueryResult exec(String sql, Object... args);

    /** Runs {@code sql} without waiting; pipelined with other calls on this connection. */
    Future<QueryResult> execAsync(String sql, Object... args);

    /** Runs a {@link PreparedQuery}, prepared on this connection the first time. */
    QueryResult run(PreparedQuery query, Object... args);

    /** Async twin of {@link #run}. */
    Future<QueryResult> runAsync(PreparedQuery query, Object... args);

    /**
     * Runs {@code query} once for each row and returns the number of rows affected in total (the sum
     * of the counts in the command tags: {@code INSERT 0 1} counts 1): asyncpg's {@code executemany},
     * JDBC's {@code executeBatch}. A row is an {@code Object[]}, a {@link List} or a record (its
     * components in declaration order), one value per {@code $n}; {@code null} values are SQL NULL.
     *
     * {@snippet :
     * static final PreparedQuery INSERT_ITEM = PreparedQuery.of("INSERT INTO items(id, name) VALUES ($1, $2)");
     * record NewItem(int id, String name) {}
     * long inserted = pg.runMany(INSERT_ITEM, List.of(new NewItem(1, "a"), new NewItem(2, "b")));
     * }
     *
     * <p>On the wire: one Parse (the first time on the connection), a Bind and an Execute per row and
     * one Sync, written as the rows are read, about 64 KiB at a time, so any number of rows goes out
     * in bounded memory ({@link #runMany(PreparedQuery, Iterator)} and the {@link Stream} overload
     * read the rows lazily). No other statement of this connection runs in the middle.
     *
     * <p>Atomicity, as PostgreSQL runs one Sync: outside a transaction the rows are one implicit
     * transaction, so they all take effect or, when one fails, none does. Inside a transaction
     * ({@link #begin}, {@link #tx}) they belong to it, and a failing row fails the transaction as any
     * failing statement does (only a rollback, or a rollback to a savepoint, is accepted next).
     * The failure names the row by its 0-based index ({@code batch row 41: ERROR: duplicate key
     * ...}), keeps the exception class and fields of the server's error, and never adds the row's
     * values (the server's own detail may quote them, as for any statement). A row the driver cannot
     * send (wrong shape or number of values, a value no codec takes) fails the batch the same way.
     *
     * <p>A deadline ({@link #withDeadline}, or the pool's default) bounds the whole batch: when it
     * passes, this throws {@link PgTimeoutException}, rows not yet sent are not sent, the unit is made
     * to fail before its Sync (or, once the Sync is out, the statement is cancelled), so outside a
     * transaction none of the rows take effect, unless the server had finished the whole batch by
     * then, as with any statement whose deadline passes as it completes. An empty batch sends nothing
     * and returns 0.
     *
     * <p>The rows are read on the connection's event loop, a chunk at a time: the iterable must not
     * block (a collection, or a stream computed from one), and must not change until the call
     * returns (or its future completes); for rows that come from I/O use {@link #copyIn}, or a batch
     * per slice.
     *
     * @throws PgException when the statement or a row fails (the row named), or a row cannot be sent
     */
    default long runMany(PreparedQuery query, Iterable<?> rows) {
        return runMany(query, rows.iterator());
    }

    /** {@link #runMany(PreparedQuery, Iterable)} over rows read lazily from {@code rows}, in bounded memory. */
    long runMany(PreparedQuery query, Iterator<?> rows);

    /**
     * {@link #runMany(PreparedQuery, Iterable)} over the elements of {@code rows}, read lazily; the
     * stream is consumed, not closed.
     */
    default long runMany(PreparedQuery query, Stream<?> rows) {
        return runMany(query, rows.iterator());
    }

    /** Async twin of {@link #runMany(PreparedQuery, Iterable)}. Any thread; completes on the connection's shard. */
    default Future<Long> runManyAsync(PreparedQuery query, Iterable<?> rows) {
        return runManyAsync(query, rows.iterator());
    }

    /** Async twin of {@link #runMany(PreparedQuery, Iterator)}; pipelined behind the calls sent before it. */
    Future<Long> runManyAsync(PreparedQuery query, Iterator<?> rows);

    /**
     * Sends every statement that {@code block} gives at once, pipelined on this connection, and
     * waits for all of their results: N independent queries from blocking code in about one round
     * trip instead of N, the blocking twin of {@link Future#whenAll} over {@link #runAsync} futures.
     *
     * {@snippet :
     * List<QueryResult> worlds = pg.pipeline(p -> {
     *     for (int i = 0; i < count; i++) {
     *         p.run(WORLD_BY_ID, randomId());
     *     }
     * });
     * }
     *
     * <p>Each statement runs on its own (with its own Sync, so in autocommit unless a transaction is
     * open): one that fails does not stop the others. This returns once every statement has answered,
     * with the results in the order the block sent them, or throws the failure of the first one that
     * failed (in that order), as {@link #run} would have thrown it.
     *
     * @throws IllegalStateException on an event loop: chain {@link #runAsync} futures there instead
     */
    default List<QueryResult> pipeline(Consumer<Pipeline> block) {
        Shard.checkMayBlock("Pg.pipeline()");
        List<Future<QueryResult>> sent = new ArrayList<>();
        block.accept(new Pipeline() {
            @Override
            public void exec(String sql, Object... args) {
                sent.add(execAsync(sql, args));
            }

            @Override
            public void run(PreparedQuery query, Object... args) {
                sent.add(runAsync(query, args));
            }
        });
        List<QueryResult> results = new ArrayList<>(sent.size());
        RuntimeException first = null;
        for (Future<QueryResult> f : sent) {
            try {
                results.add(f.await());
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
        return results;
    }

    /**
     * Runs a query and reads its rows {@code chunkSize} at a time through a suspended portal, so a
     * result of any size is read in bounded memory — also outside a transaction (the rows come
     * from one snapshot until the stream ends). Blocks until the first chunk has arrived.
     * Closing the stream early closes the portal. The connection runs nothing else meanwhile.
     * A deadline ({@link #withDeadline}, or the pool's default) bounds each wait for a chunk, not
     * the whole stream nor the time the reader takes between chunks: a stream that keeps coming is
     * never cut; a server or network that sends nothing for that long fails the iteration with
     * {@link PgTimeoutException} and the statement is cancelled.
     *
     * {@snippet :
     * try (RowStream rows = pg.stream("SELECT * FROM events WHERE day = $1", 1000, day)) {
     *     for (Row r : rows) export(r.get("payload", String.class));
     * }
     * }
     */
    RowStream stream(String sql, int chunkSize, Object... args);

    /**
     * Runs several semicolon-separated statements without parameters on the simple protocol, as
     * one implicit transaction unless they manage their own; one result per statement.
     */
    List<QueryResult> script(String sql);

    /** Async twin of {@link #script}. */
    Future<List<QueryResult>> scriptAsync(String sql);

    /**
     * Starts a transaction with the server's default isolation ({@code BEGIN}). Closing the returned
     * {@link Tx} without committing rolls it back.
     */
    Tx begin();

    /** Starts a transaction with {@code options} (isolation, read-only, deferrable; retries are ignored here). */
    Tx begin(TxOptions options);

    /**
     * Runs {@code body} in a transaction and commits it, re-running the whole body (after a rollback
     * and a short jittered pause) when it fails with a serialization failure (40001) or a deadlock
     * (40P01), at most {@code retries} times. Any other exception rolls back and propagates, as does
     * the last 40001/40P01 once the retries are used up. Returns the body's value.
     *
     * {@snippet :
     * pg.tx(TxIsolation.SERIALIZABLE, 3, tx -> {
     *     int qty = tx.exec("SELECT qty FROM stock WHERE item_id=$1", itemId).scalar(Integer.class);
     *     tx.exec("UPDATE stock SET qty=$2 WHERE item_id=$1", itemId, qty - 1);
     *     return qty - 1;
     * });
     * }
     *
     * <p>The body may run more than once, so it should have no effects outside the database (or
     * idempotent ones). If the body commits or rolls back the Tx itself, that stands.
     */
    <T> T tx(TxIsolation isolation, int retries, Function<Tx, T> body);

    /** {@link #tx(TxIsolation, int, Function)} with all the {@link TxOptions}. */
    <T> T tx(TxOptions options, Function<Tx, T> body);

    /**
     * Async twin of {@link #tx(TxOptions, Function)}: the body returns a future; the transaction
     * commits when it succeeds, rolls back when it fails, and is re-run on 40001/40P01 up to
     * {@code options.retries()} times. Any thread; completes on the connection's shard.
     */
    <T> Future<T> txAsync(TxOptions options, Function<Tx, Future<T>> body);

    /**
     * Starts {@code COPY ... FROM STDIN} and returns its sending end once the server waits for
     * data; see {@link CopyIn} for flow control, finishing and aborting. A deadline
     * ({@link #withDeadline}, or the pool's default) bounds each wait on the server or the network,
     * not the whole COPY: the writer sets the pace (see {@link CopyIn} for what happens when one passes).
     *
     * @throws PgException when the statement is rejected or is not a COPY FROM STDIN
     * @throws PgTimeoutException when the server is not ready for data within the deadline
     */
    CopyIn copyIn(String sql);

    /**
     * Runs {@code COPY ... TO STDOUT} and writes its bytes to {@code out} (not closed) as they
     * arrive, reading from the server no faster than {@code out} takes them. Returns the bytes written.
     * A deadline ({@link #withDeadline}, or the pool's default) bounds each wait for the server's
     * data, not the whole COPY (the time {@code out} takes does not count): when the server sends
     * nothing for that long the COPY is cancelled and this throws {@link PgTimeoutException}.
     */
    long copyOut(String sql, OutputStream out);

    /**
     * The bytes of {@code COPY ... TO STDOUT} as a backpressured publisher of chunks (about 64 KiB
     * each), for streaming HTTP responses. Cold and single-use: the statement runs when a
     * subscriber arrives; the server is read only as fast as the subscriber requests; cancelling
     * sends a CancelRequest. {@code onNext} runs on the connection's event loop and must not block.
     * Keep this handle open until the publisher completes.
     *
     * <p>Deadline ({@link #withDeadline}, or the pool's default): it bounds each wait on the server
     * while the subscriber has outstanding demand and no chunk is waiting for it, starting again
     * with every chunk delivered. A slow subscriber is never cut off (time without demand does not
     * count); a server or network that sends nothing for that long is: the COPY is cancelled and
     * the subscriber gets {@code onError(}{@link PgTimeoutException}{@code )}.
     */
    Flow.Publisher<ByteBuffer> copyOut(String sql);

    /**
     * A view of this connection whose calls each get {@code timeout}: when it passes, the call
     * fails with {@link PgTimeoutException}, the server is sent a CancelRequest for that statement,
     * and the connection stays usable. For COPY it bounds each wait on the server or the network
     * instead of the whole COPY (see {@link #copyIn}, {@link #copyOut(String)}). Closing the view
     * does nothing; close the original handle.
     */
    Pg withDeadline(Duration timeout);

    /**
     * A view of this connection whose calls must all end by {@code deadline}: each call gets the
     * time left then, or its own per-call timeout ({@link #withDeadline(Duration)}, the pool's
     * default) when that is sooner; when the deadline passes the call fails with
     * {@link PgTimeoutException} and its statement is cancelled, as for a timeout. For COPY, each
     * wait on the server gets at most the time left when the COPY starts. This is how a web
     * request's deadline reaches its queries ({@code PgDepends}). Closing the view does nothing.
     */
    Pg withDeadline(Deadline deadline);

    /** True inside a transaction block (including a failed one), from the last ReadyForQuery. */
    boolean inTransaction();

    /** True when the transaction has failed and only ROLLBACK will be accepted. */
    boolean inFailedTransaction();

    /** Subscribes {@code handler} to NOTIFY on {@code channel} (sends LISTEN); handlers run on the shard's loop. */
    void listen(String channel, Consumer<PgNotification> handler);

    /** Drops the handlers of {@code channel} and sends UNLISTEN. */
    void unlisten(String channel);

    /** Adds a listener for server notices (they are logged too); runs on the shard's loop. */
    void onNotice(Consumer<PgNotice> listener);

    /** The server's process id for this session. */
    int processId();

    /** The shard whose event loop owns this connection. */
    Shard shard();

    /** True until the connection broke or the handle was closed. */
    boolean isOpen();

    /**
     * Returns the connection to its pool (or closes it if it broke). Idempotent; any thread.
     *
     * <p>What the pool resets the connection to, and why: an open or failed transaction is rolled
     * back. When the session ran {@code SET}/{@code RESET}, {@code LISTEN} or {@code DECLARE CURSOR},
     * or a handler was registered with {@link #listen} or {@link #onNotice}, the pool sends
     * {@code RESET ALL; UNLISTEN *; CLOSE ALL} before reuse, so the next user does not inherit
     * settings, notifications or held cursors (the DSN's startup options survive RESET ALL). Not
     * {@code DISCARD ALL}: that would also drop the prepared statements the connection caches, the
     * main reason to pool. The command tags say when a reset is needed, so an ordinary release costs
     * no round trip. Not reset: session advisory locks, temporary tables and
     * {@code set_config(..., false)} from a SELECT, which the pool cannot see: release the locks
     * yourself, or prefer the transaction-scoped forms.
     */
    @Override
    void close();
}
