package io.fasterapi.pg.internal.pool;

import io.fasterapi.core.Deadline;
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
import io.fasterapi.pg.internal.tracing.DbSpan;
import io.fasterapi.pg.internal.tracing.PgTracer;
import io.fasterapi.pg.internal.tracing.TracedCopy;
import java.io.OutputStream;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@link Pg} handed out by the pool: a connection plus a per-call timeout and, optionally, a
 * deadline no call may outlive (a request's: each call gets the sooner of the two). {@link #close()}
 * gives the connection back once; a deadline view shares the connection and does not close it.
 *
 * <p>Threads: used by one caller at a time (as {@link Pg} says), so the closed flag is a plain
 * field: closing on the shard's loop costs no atomic. A view keeps its root reachable, so leak
 * detection never mistakes a handle used through a view for a forgotten one.
 *
 * <p>Tracing: with the pool's tracer (null when off: one null check per call), each statement, batch,
 * script and COPY is a span, child of the caller's current context, and a transaction is a span
 * ({@link PgTx}) whose statements are its children.
 */
public final class PgSession implements Pg {
    private final PgConnection connection;
    private final PooledConnection entry;
    private final ShardPool pool;
    private final Duration timeout;
    /** No call may outlive it; null for none. */
    private final Deadline cap;
    /** The pool's tracer; null when it does not trace. */
    private final PgTracer tracer;
    /** The handle that owns the lease: this one, or the handle a view was made from. */
    private final PgSession root;
    private boolean closed;

    static {
        // The first handle is made on a shard's event loop: load and initialise the transaction
        // classes here. Virtual threads racing to load them (the first concurrent pg.tx calls) wait
        // on the class loader's lock and pin their carriers (seen in the soak test, for PgTx).
        try {
            java.lang.invoke.MethodHandles.lookup().ensureInitialized(PgTx.class);
            java.lang.invoke.MethodHandles.lookup().ensureInitialized(TxRunner.class);
        } catch (IllegalAccessException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    PgSession(PooledConnection entry, ShardPool pool, Duration timeout, Deadline cap, PgTracer tracer) {
        this.connection = entry.connection;
        this.entry = entry;
        this.pool = pool;
        this.timeout = timeout;
        this.cap = cap;
        this.tracer = tracer;
        this.root = this;
    }

    private PgSession(PgSession root, Duration timeout, Deadline cap) {
        this.connection = root.connection;
        this.entry = root.entry;
        this.pool = root.pool;
        this.timeout = timeout;
        this.cap = cap;
        this.tracer = root.tracer;
        this.root = root;
    }

    /** The call's deadline as a nanoTime, 0 for none (the connection's convention): the sooner of timeout and cap. */
    private long deadline() {
        return CallDeadlines.of(timeout, cap);
    }

    private long timeoutNanosOwn() {
        return timeout == null ? 0 : Math.max(1, timeout.toNanos());
    }

    /**
     * The per-wait timeout in nanoseconds, 0 for none: what COPY applies to each wait on the server;
     * with a cap, no more than the time left to it when the COPY starts.
     */
    private long timeoutNanos() {
        long own = timeoutNanosOwn();
        if (cap == null) {
            return own;
        }
        long left = Math.max(1, cap.remainingNanos());
        return own == 0 ? left : Math.min(own, left);
    }

    private PgConnection conn() {
        if (root.closed) {
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
        Object[] a = args == null ? new Object[] {null} : args;
        if (tracer != null) {
            return tracer.statement(sql, false).track(() -> conn().query(sql, null, a, deadline()));
        }
        return conn().query(sql, null, a, deadline());
    }

    @Override
    public QueryResult run(PreparedQuery query, Object... args) {
        Shard.checkMayBlock("Pg.run()");
        return runAsync(query, args).await();
    }

    @Override
    public Future<QueryResult> runAsync(PreparedQuery query, Object... args) {
        Object[] a = args == null ? new Object[] {null} : args;
        if (tracer != null) {
            return tracer.statement(query.sql(), false).track(() -> conn().query(query.sql(), query, a, deadline()));
        }
        return conn().query(query.sql(), query, a, deadline());
    }

    @Override
    public long runMany(PreparedQuery query, Iterator<?> rows) {
        Shard.checkMayBlock("Pg.runMany()");
        return runManyAsync(query, rows).await();
    }

    @Override
    public Future<Long> runManyAsync(PreparedQuery query, Iterator<?> rows) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(rows, "rows");
        if (tracer != null) {
            return tracer.statement(query.sql(), true).track(() -> conn().batch(query.sql(), query, rows, deadline()));
        }
        return conn().batch(query.sql(), query, rows, deadline());
    }

    @Override
    public RowStream stream(String sql, int chunkSize, Object... args) {
        Shard.checkMayBlock("Pg.stream()");
        Objects.requireNonNull(sql, "sql");
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1, got " + chunkSize);
        }
        Object[] a = args == null ? new Object[] {null} : args;
        if (tracer != null) { // the span covers the statement up to its first chunk
            return tracer.statement(sql, false).track(() -> conn().stream(sql, a, chunkSize, timeoutNanos())).await();
        }
        return conn().stream(sql, a, chunkSize, timeoutNanos()).await();
    }

    @Override
    public List<QueryResult> script(String sql) {
        Shard.checkMayBlock("Pg.script()");
        return scriptAsync(sql).await();
    }

    @Override
    public Future<List<QueryResult>> scriptAsync(String sql) {
        if (tracer != null) {
            return tracer.statement(sql, false).track(() -> conn().script(sql, deadline()));
        }
        return conn().script(sql, deadline());
    }

    @Override
    public CopyIn copyIn(String sql) {
        Shard.checkMayBlock("Pg.copyIn()");
        Objects.requireNonNull(sql, "sql");
        if (tracer != null) {
            DbSpan span = tracer.copy(sql);
            try {
                return TracedCopy.in(span, conn().copyIn(sql, timeoutNanos()).await());
            } catch (RuntimeException | Error e) {
                span.end(null, e);
                throw e;
            }
        }
        return conn().copyIn(sql, timeoutNanos()).await();
    }

    @Override
    public long copyOut(String sql, OutputStream out) {
        Shard.checkMayBlock("Pg.copyOut()");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(out, "out");
        if (tracer == null) {
            return conn().copyOut(sql, out, timeoutNanos());
        }
        DbSpan span = tracer.copy(sql);
        try {
            long bytes = conn().copyOut(sql, out, timeoutNanos());
            span.end(null, null);
            return bytes;
        } catch (RuntimeException | Error e) {
            span.end(null, e);
            throw e;
        }
    }

    @Override
    public Flow.Publisher<ByteBuffer> copyOut(String sql) {
        Objects.requireNonNull(sql, "sql");
        Flow.Publisher<ByteBuffer> bytes = conn().copyOut(sql, timeoutNanos());
        return tracer == null ? bytes : TracedCopy.out(tracer, sql, bytes);
    }

    @Override
    public Tx begin() {
        return begin(TxOptions.DEFAULT);
    }

    @Override
    public Tx begin(TxOptions options) {
        Shard.checkMayBlock("Pg.begin()");
        return PgTx.begin(this, options.beginSql(), tracer).await();
    }

    @Override
    public <T> T tx(TxIsolation isolation, int retries, Function<Tx, T> body) {
        return tx(TxOptions.of(isolation).withRetries(retries), body);
    }

    @Override
    public <T> T tx(TxOptions options, Function<Tx, T> body) {
        Shard.checkMayBlock("Pg.tx()");
        Objects.requireNonNull(body, "body");
        return TxRunner.run(this, options, body, tracer);
    }

    @Override
    public <T> Future<T> txAsync(TxOptions options, Function<Tx, Future<T>> body) {
        Objects.requireNonNull(body, "body");
        return TxRunner.runAsync(this, options, body, tracer);
    }

    @Override
    public Pg withDeadline(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return new PgSession(root, timeout, cap);
    }

    @Override
    public Pg withDeadline(Deadline deadline) {
        Objects.requireNonNull(deadline, "deadline");
        return new PgSession(root, timeout, deadline.minimum(cap));
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
        return !root.closed && connection.isUsable();
    }

    /** The connection behind this handle (for the pool and tests). */
    public PgConnection connection() {
        return connection;
    }

    @Override
    public void close() {
        if (root != this || closed) {
            return;
        }
        closed = true;
        pool.release(entry);
        if (pool.detectsLeaks()) {
            // Keeps this handle reachable until its lease is closed, so leak detection never reports
            // a handle that is being closed (the JIT may otherwise consider it dead inside release()).
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public String toString() {
        return "Pg[" + connection + (timeout != null ? ", deadline " + timeout : "") + (cap != null ? ", " + cap : "")
                + "]";
    }
}
