package io.fasterapi.pg.internal.pool;

import io.fasterapi.core.Deadline;
import io.fasterapi.core.Future;
import io.fasterapi.core.Shard;
import io.fasterapi.pg.CopyIn;
import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgNotice;
import io.fasterapi.pg.PgNotification;
import io.fasterapi.pg.PgTimeoutException;
import io.fasterapi.pg.PreparedQuery;
import io.fasterapi.pg.QueryResult;
import io.fasterapi.pg.RowStream;
import io.fasterapi.pg.Tx;
import io.fasterapi.pg.TxIsolation;
import io.fasterapi.pg.TxOptions;
import io.fasterapi.pg.internal.tracing.PgTracer;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@link Pg} of {@code PgPool.shared()}: a handle that takes no connection until it needs a session.
 * Until then each single statement that keeps nothing in a session ({@link SessionFreeStatements}) runs as
 * {@code pool.execAsync} runs it, pipelined on a connection of the shard shared with other requests'
 * statements, so N requests' queries leave in one write instead of one write each. The first call that
 * needs a session (a transaction, a statement that sets or reads session state, a stream, COPY, LISTEN,
 * the server's process id) takes a connection of the handle's own, which every later call uses, until
 * the handle closes.
 *
 * <p>Threads: one caller at a time, as for every {@link Pg}; views made by {@code withDeadline} share the
 * root's connection once it has one.
 */
final class DeferredSession implements Pg {
    private final ShardedPool pool;
    /** Each call's own timeout; null for none. */
    private final Duration timeout;
    /** No call may outlive it; null for none. */
    private final Deadline cap;
    /** The handle that owns the session once there is one: this one, or the handle a view was made from. */
    private final DeferredSession root;
    /**
     * The trace context current when the handle was made (a request's, when the server traces and the
     * handle is the request's {@code Pg}); the parent of its spans started where nothing is current, in
     * a continuation of an earlier statement. Null when the pool does not trace.
     */
    private final Object context;
    /** The root's session: null until a call needs one; pending while an async call acquires it. */
    private Future<Pg> session;
    private boolean closed;

    DeferredSession(ShardedPool pool, Duration timeout, Deadline cap) {
        this.pool = pool;
        this.timeout = timeout;
        this.cap = cap;
        this.root = this;
        PgTracer tracer = pool.tracer();
        this.context = tracer == null ? null : tracer.current();
    }

    private DeferredSession(DeferredSession root, Duration timeout, Deadline cap) {
        this.pool = root.pool;
        this.timeout = timeout;
        this.cap = cap;
        this.root = root;
        this.context = root.context;
    }

    // ------------------------------------------------------------------ statements: shared until a session exists

    @Override
    public QueryResult exec(String sql, Object... args) {
        Shard.checkMayBlock("Pg.exec()");
        return execAsync(sql, args).await();
    }

    @Override
    public Future<QueryResult> execAsync(String sql, Object... args) {
        Objects.requireNonNull(sql, "sql");
        if (root.session == null && SessionFreeStatements.sessionFree(sql)) {
            return shared(sql, null, args);
        }
        return onSession(pg -> pg.execAsync(sql, args));
    }

    @Override
    public QueryResult run(PreparedQuery query, Object... args) {
        Shard.checkMayBlock("Pg.run()");
        return runAsync(query, args).await();
    }

    @Override
    public Future<QueryResult> runAsync(PreparedQuery query, Object... args) {
        Objects.requireNonNull(query, "query");
        if (root.session == null && SessionFreeStatements.sessionFree(query)) {
            return shared(query.sql(), query, args);
        }
        return onSession(pg -> pg.runAsync(query, args));
    }

    private Future<QueryResult> shared(String sql, PreparedQuery query, Object[] args) {
        if (root.closed) {
            return Future.failed(closedHandle());
        }
        if (cap != null && cap.isExpired()) {
            return Future.failed(new PgTimeoutException("the deadline passed before the statement was sent"));
        }
        Object[] a = args == null ? new Object[] {null} : args;
        PgTracer tracer = pool.tracer();
        if (tracer == null) {
            return pool.pipelined(sql, query, a, timeout, cap);
        }
        return tracer.inContext(tracer.currentOr(context), () -> pool.pipelined(sql, query, a, timeout, cap));
    }

    // ------------------------------------------------------------------ everything else needs a session

    /** The session (a view with this handle's deadlines), taken on first need. */
    private Future<Pg> session() {
        DeferredSession r = root;
        if (r.closed) {
            return Future.failed(closedHandle());
        }
        if (r.session == null) {
            r.session = Shard.onEventLoop()
                    ? (r.cap == null ? pool.getAsync() : pool.getAsync(r.cap))
                    : Future.ready(r.cap == null ? pool.get() : pool.get(r.cap));
        }
        return this == r ? r.session : r.session.map(this::view);
    }

    /** The root's session as this view sees it: with this view's own timeout and cap. */
    private Pg view(Pg pg) {
        Pg v = Objects.equals(timeout, root.timeout) || timeout == null ? pg : pg.withDeadline(timeout);
        return cap == null || cap == root.cap ? v : v.withDeadline(cap);
    }

    /**
     * Runs {@code call} on the handle's session once it has one; when the pool traces, under the
     * caller's context, else the handle's (the session may come later, in a continuation where nothing
     * is current).
     */
    private <T> Future<T> onSession(Function<Pg, Future<T>> call) {
        PgTracer tracer = pool.tracer();
        if (tracer == null) {
            return session().flatMap(call);
        }
        Object caller = tracer.currentOr(context);
        return session().flatMap(pg -> tracer.inContext(caller, () -> call.apply(pg)));
    }

    /** The session, blocking: from a virtual thread. */
    private Pg own() {
        try {
            return session().await();
        } catch (RuntimeException e) {
            if (root.session != null && root.session.isFailed()) {
                root.session = null; // acquiring failed: a later call may try again
            }
            throw e;
        }
    }

    /** A batch holds its connection from the first row to the Sync: it runs on a session of its own, as COPY does. */
    @Override
    public long runMany(PreparedQuery query, Iterator<?> rows) {
        Shard.checkMayBlock("Pg.runMany()");
        return own().runMany(query, rows);
    }

    @Override
    public Future<Long> runManyAsync(PreparedQuery query, Iterator<?> rows) {
        return onSession(pg -> pg.runManyAsync(query, rows));
    }

    @Override
    public RowStream stream(String sql, int chunkSize, Object... args) {
        Shard.checkMayBlock("Pg.stream()");
        return own().stream(sql, chunkSize, args);
    }

    @Override
    public List<QueryResult> script(String sql) {
        Shard.checkMayBlock("Pg.script()");
        return own().script(sql);
    }

    @Override
    public Future<List<QueryResult>> scriptAsync(String sql) {
        return onSession(pg -> pg.scriptAsync(sql));
    }

    @Override
    public Tx begin() {
        return begin(TxOptions.DEFAULT);
    }

    @Override
    public Tx begin(TxOptions options) {
        Shard.checkMayBlock("Pg.begin()");
        return own().begin(options);
    }

    @Override
    public <T> T tx(TxIsolation isolation, int retries, Function<Tx, T> body) {
        return own().tx(isolation, retries, body);
    }

    @Override
    public <T> T tx(TxOptions options, Function<Tx, T> body) {
        return own().tx(options, body);
    }

    @Override
    public <T> Future<T> txAsync(TxOptions options, Function<Tx, Future<T>> body) {
        return onSession(pg -> pg.txAsync(options, body));
    }

    @Override
    public CopyIn copyIn(String sql) {
        Shard.checkMayBlock("Pg.copyIn()");
        return own().copyIn(sql);
    }

    @Override
    public long copyOut(String sql, OutputStream out) {
        Shard.checkMayBlock("Pg.copyOut()");
        return own().copyOut(sql, out);
    }

    @Override
    public Flow.Publisher<ByteBuffer> copyOut(String sql) {
        return own().copyOut(sql);
    }

    @Override
    public void listen(String channel, Consumer<PgNotification> handler) {
        own().listen(channel, handler);
    }

    @Override
    public void unlisten(String channel) {
        own().unlisten(channel);
    }

    @Override
    public void onNotice(Consumer<PgNotice> listener) {
        own().onNotice(listener);
    }

    @Override
    public int processId() {
        return own().processId();
    }

    // ------------------------------------------------------------------ state

    @Override
    public Pg withDeadline(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return new DeferredSession(root, timeout, cap);
    }

    @Override
    public Pg withDeadline(Deadline deadline) {
        Objects.requireNonNull(deadline, "deadline");
        return new DeferredSession(root, timeout, deadline.minimum(cap));
    }

    /** Whether the handle has taken a session of its own (for tests and diagnostics). */
    boolean holdsSession() {
        return root.session != null;
    }

    @Override
    public boolean inTransaction() {
        Future<Pg> s = root.session;
        return s != null && s.isSuccess() && s.valueNow().inTransaction();
    }

    @Override
    public boolean inFailedTransaction() {
        Future<Pg> s = root.session;
        return s != null && s.isSuccess() && s.valueNow().inFailedTransaction();
    }

    @Override
    public Shard shard() {
        Future<Pg> s = root.session;
        return s != null && s.isSuccess() ? s.valueNow().shard() : pool.shardOfCaller();
    }

    @Override
    public boolean isOpen() {
        Future<Pg> s = root.session;
        return !root.closed && (s == null || !s.isDone() || (s.isSuccess() && s.valueNow().isOpen()));
    }

    /** Gives the session back to the pool, if one was taken; a view's close does nothing. */
    @Override
    public void close() {
        if (root != this || closed) {
            return;
        }
        closed = true;
        Future<Pg> s = session;
        if (s != null) {
            s.onSuccess(Pg::close);
        }
    }

    private static IllegalStateException closedHandle() {
        return new IllegalStateException("this Pg handle was closed (returned to its pool)");
    }
}
