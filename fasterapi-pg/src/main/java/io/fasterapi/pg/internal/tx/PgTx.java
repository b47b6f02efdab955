package io.fasterapi.pg.internal.tx;

import io.fasterapi.core.Future;
import io.fasterapi.core.Promise;
import io.fasterapi.core.Shard;
import io.fasterapi.pg.CopyIn;
import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgConnectionException;
import io.fasterapi.pg.PgException;
import io.fasterapi.pg.PgTimeoutException;
import io.fasterapi.pg.PreparedQuery;
import io.fasterapi.pg.QueryResult;
import io.fasterapi.pg.RowStream;
import io.fasterapi.pg.Tx;
import io.fasterapi.pg.TxOutcomeUnknownException;
import io.fasterapi.pg.internal.tracing.DbSpan;
import io.fasterapi.pg.internal.tracing.PgTracer;
import io.fasterapi.pg.internal.tracing.TraceScope;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A transaction, or a savepoint of one, over a {@link Pg} handle. Control statements (BEGIN,
 * COMMIT, SAVEPOINT...) go on the simple protocol; the caller's statements through the handle.
 *
 * <p>State lives in a plain field: a Tx is used by one caller at a time (as a Pg is), and the async
 * paths only touch it from the continuation of the previous step.
 *
 * <p>Tracing (when the pool traces): a transaction span from BEGIN to COMMIT or ROLLBACK, current
 * while the transaction sends a statement, so the statements' spans (BEGIN's and COMMIT's too) are
 * its children; a savepoint shares its transaction's span.
 */
public final class PgTx implements Tx {
    private enum State { ACTIVE, COMMITTED, ROLLED_BACK }

    private final Pg pg;
    private final PgTx parent;
    private final String savepoint;
    private int savepoints;
    private State state = State.ACTIVE;
    /** The transaction's span (a savepoint's is its transaction's); null when the pool does not trace. */
    private final DbSpan span;
    /** Why the body failed, for the span's error when the rollback ends it; null when it did not. */
    private Throwable failure;

    private PgTx(Pg pg, PgTx parent, String savepoint, DbSpan span) {
        this.pg = pg;
        this.parent = parent;
        this.savepoint = savepoint;
        this.span = span;
    }

    /**
     * Sends {@code beginSql} and returns the transaction once the server has accepted it; with a
     * {@code tracer} (null: off), under a transaction span. Any thread.
     */
    public static Future<PgTx> begin(Pg pg, String beginSql, PgTracer tracer) {
        if (pg.inTransaction()) {
            return Future.failed(new PgException("a transaction is already open on this connection;"
                    + " use tx.savepoint() or tx.tx(...) to nest"));
        }
        if (tracer == null) {
            return control(pg, beginSql).map(v -> new PgTx(pg, null, null, null));
        }
        DbSpan span = tracer.transaction();
        try (TraceScope ignored = span.makeCurrent()) {
            return control(pg, beginSql).map(v -> new PgTx(pg, null, null, span)).onFailure(e -> span.end(null, e));
        }
    }

    /** Makes the transaction's span current until closed (in a finally); null when not tracing. Caller's thread. */
    TraceScope enter() {
        return span == null ? null : span.makeCurrent();
    }

    /** The body failed with {@code e}: the span, ended by the rollback, says so. */
    void failed(Throwable e) {
        failure = e;
    }

    /** Ends the transaction's span when {@code end} completes, unless this is a savepoint. */
    private Future<Void> ending(Future<Void> end) {
        if (span == null || savepoint != null) {
            return end;
        }
        return end.onComplete((v, e) -> span.end(null, e != null ? e : failure));
    }

    private static Future<Void> control(Pg pg, String sql) {
        return pg.scriptAsync(sql).map(PgTx::closeAll);
    }

    private static Void closeAll(List<QueryResult> results) {
        results.forEach(QueryResult::close);
        return null;
    }

    private void checkActive() {
        if (state != State.ACTIVE) {
            throw new IllegalStateException("this transaction was already " + (state == State.COMMITTED
                    ? "committed" : "rolled back"));
        }
    }

    @Override
    public QueryResult exec(String sql, Object... args) {
        Shard.checkMayBlock("Tx.exec()");
        return execAsync(sql, args).await();
    }

    @Override
    public Future<QueryResult> execAsync(String sql, Object... args) {
        checkActive();
        try (TraceScope ignored = enter()) {
            return pg.execAsync(sql, args);
        }
    }

    @Override
    public QueryResult run(PreparedQuery query, Object... args) {
        Shard.checkMayBlock("Tx.run()");
        return runAsync(query, args).await();
    }

    @Override
    public Future<QueryResult> runAsync(PreparedQuery query, Object... args) {
        checkActive();
        try (TraceScope ignored = enter()) {
            return pg.runAsync(query, args);
        }
    }

    @Override
    public long runMany(PreparedQuery query, Iterator<?> rows) {
        checkActive();
        try (TraceScope ignored = enter()) {
            return pg.runMany(query, rows);
        }
    }

    @Override
    public Future<Long> runManyAsync(PreparedQuery query, Iterator<?> rows) {
        checkActive();
        try (TraceScope ignored = enter()) {
            return pg.runManyAsync(query, rows);
        }
    }

    @Override
    public RowStream stream(String sql, int chunkSize, Object... args) {
        checkActive();
        try (TraceScope ignored = enter()) {
            return pg.stream(sql, chunkSize, args);
        }
    }

    @Override
    public CopyIn copyIn(String sql) {
        checkActive();
        try (TraceScope ignored = enter()) {
            return pg.copyIn(sql);
        }
    }

    @Override
    public long copyOut(String sql, OutputStream out) {
        checkActive();
        try (TraceScope ignored = enter()) {
            return pg.copyOut(sql, out);
        }
    }

    @Override
    public Tx savepoint() {
        Shard.checkMayBlock("Tx.savepoint()");
        return savepointAsync().await();
    }

    /** Async twin of {@link #savepoint()}. */
    public Future<PgTx> savepointAsync() {
        checkActive();
        String name = (savepoint == null ? "fa_sp" : savepoint + "_") + (++savepoints);
        try (TraceScope ignored = enter()) {
            return control(pg, "SAVEPOINT " + name).map(v -> new PgTx(pg, this, name, span));
        }
    }

    @Override
    public <T> T tx(Function<Tx, T> body) {
        Objects.requireNonNull(body, "body");
        Tx sp = savepoint();
        try {
            T value = body.apply(sp);
            if (sp.isActive()) {
                sp.commit();
            }
            return value;
        } catch (RuntimeException | Error e) {
            rollbackQuietly(sp, e);
            throw e;
        }
    }

    static void rollbackQuietly(Tx tx, Throwable primary) {
        if (!tx.isActive()) {
            return;
        }
        try {
            tx.rollback();
        } catch (RuntimeException again) {
            primary.addSuppressed(again);
        }
    }

    @Override
    public void commit() {
        Shard.checkMayBlock("Tx.commit()");
        commitAsync().await();
    }

    @Override
    public Future<Void> commitAsync() {
        checkActive();
        try (TraceScope ignored = enter()) {
            return ending(commitNow());
        }
    }

    private Future<Void> commitNow() {
        if (savepoint != null) {
            state = State.COMMITTED;
            return control(pg, "RELEASE SAVEPOINT " + savepoint);
        }
        state = State.COMMITTED;
        if (!pg.isOpen()) {
            // Nothing was sent: the server rolls back a transaction whose session ends.
            return Future.failed(new PgConnectionException("connection lost before COMMIT: the transaction was rolled back"));
        }
        Promise<Void> done = new Promise<>(pg.shard());
        pg.scriptAsync("COMMIT").onComplete((results, e) -> {
            if (e != null) {
                done.fail(commitFailure(e));
                return;
            }
            String tag = results.isEmpty() ? "" : results.get(0).commandTag();
            closeAll(results);
            if (tag.equals("COMMIT")) {
                done.complete(null);
            } else {
                // PostgreSQL answers COMMIT of a failed transaction with the tag ROLLBACK and no error.
                done.fail(new PgException("COMMIT did not commit: the server answered " + tag
                        + " because a statement of the transaction had failed"));
            }
        });
        return done;
    }

    private static Throwable commitFailure(Throwable e) {
        if (e instanceof PgConnectionException || e instanceof PgTimeoutException) {
            return new TxOutcomeUnknownException("COMMIT was sent but its answer was lost (" + e.getMessage()
                    + "): the transaction may or may not have committed", e);
        }
        return e;
    }

    @Override
    public void rollback() {
        Shard.checkMayBlock("Tx.rollback()");
        rollbackAsync().await();
    }

    @Override
    public Future<Void> rollbackAsync() {
        checkActive();
        try (TraceScope ignored = enter()) {
            return ending(rollbackNow());
        }
    }

    private Future<Void> rollbackNow() {
        state = State.ROLLED_BACK;
        if (!pg.isOpen()) {
            return Future.ready(null);
        }
        String sql = savepoint == null ? "ROLLBACK"
                : "ROLLBACK TO SAVEPOINT " + savepoint + "; RELEASE SAVEPOINT " + savepoint;
        return control(pg, sql).recover(e -> {
            if (e instanceof PgConnectionException) {
                return null; // the session is gone, and with it the transaction
            }
            throw e instanceof RuntimeException re ? re : new PgException(e.getMessage(), e);
        });
    }

    @Override
    public boolean isActive() {
        return state == State.ACTIVE && (parent == null || parent.isActive());
    }

    @Override
    public Pg pg() {
        return pg;
    }

    @Override
    public void close() {
        if (!isActive()) {
            return;
        }
        if (Shard.onEventLoop()) {
            rollbackAsync();
        } else {
            rollback();
        }
    }

    @Override
    public String toString() {
        return (savepoint == null ? "Tx[" : "Tx[savepoint " + savepoint + ", ") + state + ", " + pg + "]";
    }
}
