package io.fasterapi.web.internal.dependency;

import io.fasterapi.core.Future;
import io.fasterapi.pg.CopyIn;
import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PreparedQuery;
import io.fasterapi.pg.QueryResult;
import io.fasterapi.pg.RowStream;
import io.fasterapi.pg.Tx;
import io.fasterapi.web.DependencyCleanup;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.function.Function;

/**
 * One request's transaction ({@code PgDepends.transactional}): a {@link Tx} on a connection of its
 * own, committed once the handler returned (before the response is encoded, so a failing commit is
 * answered as an error) and rolled back when it failed; the connection goes back to the pool after
 * the response. A handler may still commit or roll back itself; that stands. Confined to the
 * request's handler thread.
 */
public final class RequestTransaction implements Tx, DependencyCleanup {
    private final Pg pg;
    private final Tx tx;

    /** Begins a transaction on {@code pg}, which it closes with itself; closes {@code pg} if BEGIN fails. */
    public RequestTransaction(Pg pg) {
        this.pg = pg;
        try {
            this.tx = pg.begin();
        } catch (RuntimeException | Error e) {
            pg.close();
            throw e;
        }
    }

    @Override
    public void handlerReturned() {
        if (tx.isActive()) {
            tx.commit();
        }
    }

    @Override
    public void close(Throwable failure) {
        try {
            tx.close(); // rolls back unless committed: the handler failed, or the commit did
        } finally {
            pg.close();
        }
    }

    @Override
    public QueryResult exec(String sql, Object... args) {
        return tx.exec(sql, args);
    }

    @Override
    public Future<QueryResult> execAsync(String sql, Object... args) {
        return tx.execAsync(sql, args);
    }

    @Override
    public QueryResult run(PreparedQuery query, Object... args) {
        return tx.run(query, args);
    }

    @Override
    public Future<QueryResult> runAsync(PreparedQuery query, Object... args) {
        return tx.runAsync(query, args);
    }

    @Override
    public long runMany(PreparedQuery query, Iterator<?> rows) {
        return tx.runMany(query, rows);
    }

    @Override
    public Future<Long> runManyAsync(PreparedQuery query, Iterator<?> rows) {
        return tx.runManyAsync(query, rows);
    }

    @Override
    public RowStream stream(String sql, int chunkSize, Object... args) {
        return tx.stream(sql, chunkSize, args);
    }

    @Override
    public CopyIn copyIn(String sql) {
        return tx.copyIn(sql);
    }

    @Override
    public long copyOut(String sql, OutputStream out) {
        return tx.copyOut(sql, out);
    }

    @Override
    public Tx savepoint() {
        return tx.savepoint();
    }

    @Override
    public <T> T tx(Function<Tx, T> body) {
        return tx.tx(body);
    }

    @Override
    public void commit() {
        tx.commit();
    }

    @Override
    public Future<Void> commitAsync() {
        return tx.commitAsync();
    }

    @Override
    public void rollback() {
        tx.rollback();
    }

    @Override
    public Future<Void> rollbackAsync() {
        return tx.rollbackAsync();
    }

    @Override
    public boolean isActive() {
        return tx.isActive();
    }

    @Override
    public Pg pg() {
        return pg;
    }

    /** Rolls back unless committed; the connection stays with the request until its end. */
    @Override
    public void close() {
        tx.close();
    }
}
