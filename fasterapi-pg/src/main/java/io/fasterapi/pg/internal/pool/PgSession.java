package io.fasterapi.pg.internal.pool;

import io.fasterapi.core.Future;
import io.fasterapi.core.Shard;
import io.fasterapi.pg.CopyIn;
import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgConnectionException;
import io.fasterapi.pg.PgException;
import io.fasterapi.pg.PgNotice;
import io.fasterapi.pg.PgNotification;
import io.fasterapi.pg.PreparedQuery;
import io.fasterapi.pg.QueryResult;
import io.fasterapi.pg.RowStream;
import io.fasterapi.pg.Tx;
import io.fasterapi.pg.TxIsolation;
import io.fasterapi.pg.TxOptions;
import io.fasterapi.pg.internal.tx.PgTx;
import io.fasterapi.pg.internal.tx.TxRunner;
import io.fasterapi.pg.internal.connection.PgConnection;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@link Pg} handed out by the pool: a connection plus a per-call timeout. {@link #close()}
 * gives the connection back once; a deadline view shares the connection and does not close it.
 */
public final class PgSession implements Pg {
    private final PgConnection connection;
    private final ShardPool pool;
    private final Duration timeout;
    private final AtomicBoolean closed;
    private final boolean view;

    public PgSession(PgConnection connection, ShardPool pool, Duration timeout) {
        this(connection, pool, timeout, new AtomicBoolean(), false);
    }

    private PgSession(PgConnection connection, ShardPool pool, Duration timeout, AtomicBoolean closed, boolean view) {
        this.connection = connection;
        this.pool = pool;
        this.timeout = timeout;
        this.closed = closed;
        this.view = view;
    }

    private long deadline() {
        return timeout == null ? 0 : System.nanoTime() + Math.max(1, timeout.toNanos());
    }

    private PgConnection conn() {
        if (closed.get()) {
            throw new IllegalStateException("this Pg handle was closed (returned to its pool)");
        }
        PgException broken = connection.brokenCause();
        if (broken != null) {
            // Fail here, on the caller's thread: the connection's loop may have shut down with its pool.
            throw new PgConnectionException("connection is broken: " + broken.getMessage(), broken);
        }
        return connection;
    }

    @Override
    public QueryResult exec(String sql, Object... args) {
        Shard.checkMayBlock("Pg.exec()");
        return execAsync(sql, args).await();
    }

    @Override
    public Future<QueryResult> execAsync(String sql, Object... args) {
        Objects.requireNonNull(sql, "sql");
        return conn().query(sql, null, args == null ? new Object[] {null} : args, deadline());
    }

    @Override
    public QueryResult run(PreparedQuery query, Object... args) {
        Shard.checkMayBlock("Pg.run()");
        return runAsync(query, args).await();
    }

    @Override
    public Future<QueryResult> runAsync(PreparedQuery query, Object... args) {
        return conn().query(query.sql(), query, args == null ? new Object[] {null} : args, deadline());
    }

    @Override
    public RowStream stream(String sql, int chunkSize, Object... args) {
        Shard.checkMayBlock("Pg.stream()");
        Objects.requireNonNull(sql, "sql");
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1, got " + chunkSize);
        }
        return conn().stream(sql, args == null ? new Object[] {null} : args, chunkSize).await();
    }

    @Override
    public List<QueryResult> script(String sql) {
        Shard.checkMayBlock("Pg.script()");
        return scriptAsync(sql).await();
    }

    @Override
    public Future<List<QueryResult>> scriptAsync(String sql) {
        return conn().script(sql, deadline());
    }

    @Override
    public CopyIn copyIn(String sql) {
        Shard.checkMayBlock("Pg.copyIn()");
        Objects.requireNonNull(sql, "sql");
        return conn().copyIn(sql).await();
    }

    @Override
    public long copyOut(String sql, OutputStream out) {
        Shard.checkMayBlock("Pg.copyOut()");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(out, "out");
        return conn().copyOut(sql, out);
    }

    @Override
    public Flow.Publisher<ByteBuffer> copyOut(String sql) {
        Objects.requireNonNull(sql, "sql");
        return conn().copyOut(sql);
    }

    @Override
    public Tx begin() {
        return begin(TxOptions.DEFAULT);
    }

    @Override
    public Tx begin(TxOptions options) {
        Shard.checkMayBlock("Pg.begin()");
        return PgTx.begin(this, options.beginSql()).await();
    }

    @Override
    public <T> T tx(TxIsolation isolation, int retries, Function<Tx, T> body) {
        return tx(TxOptions.of(isolation).withRetries(retries), body);
    }

    @Override
    public <T> T tx(TxOptions options, Function<Tx, T> body) {
        Shard.checkMayBlock("Pg.tx()");
        Objects.requireNonNull(body, "body");
        return TxRunner.run(this, options, body);
    }

    @Override
    public <T> Future<T> txAsync(TxOptions options, Function<Tx, Future<T>> body) {
        Objects.requireNonNull(body, "body");
        return TxRunner.runAsync(this, options, body);
    }

    @Override
    public Pg withDeadline(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return new PgSession(connection, pool, timeout, closed, true);
    }

    @Override
    public boolean inTransaction() {
        return connection.transactionStatus() != 'I';
    }

    @Override
    public boolean inFailedTransaction() {
        return connection.transactionStatus() == 'E';
    }

    @Override
    public void listen(String channel, Consumer<PgNotification> handler) {
        Shard.checkMayBlock("Pg.listen()");
        conn().listen(channel, handler).await();
    }

    @Override
    public void unlisten(String channel) {
        Shard.checkMayBlock("Pg.unlisten()");
        conn().unlisten(channel).await();
    }

    @Override
    public void onNotice(Consumer<PgNotice> listener) {
        conn().onNotice(listener);
    }

    @Override
    public int processId() {
        return connection.processId();
    }

    @Override
    public Shard shard() {
        return connection.shard();
    }

    @Override
    public boolean isOpen() {
        return !closed.get() && connection.isUsable();
    }

    /** The connection behind this handle (for the pool and tests). */
    public PgConnection connection() {
        return connection;
    }

    @Override
    public void close() {
        if (view || !closed.compareAndSet(false, true)) {
            return;
        }
        if (pool != null) {
            pool.release(connection);
        } else {
            connection.close();
        }
    }

    static PgConnectionException closedPool() {
        return new PgConnectionException("the pool is closed");
    }

    @Override
    public String toString() {
        return "Pg[" + connection + (timeout != null ? ", deadline " + timeout : "") + "]";
    }
}
