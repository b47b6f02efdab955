package io.fasterapi.pg.internal.connection;

import io.fasterapi.core.Promise;
import io.fasterapi.pg.PgException;
import io.fasterapi.pg.PreparedQuery;
import io.fasterapi.pg.QueryResult;
import io.fasterapi.pg.internal.codec.RecordComponents;
import io.fasterapi.pg.internal.config.TransactionPooling;
import io.fasterapi.pg.internal.protocol.FrontendMessages;
import io.fasterapi.pg.internal.protocol.ServerErrors;
import io.netty.buffer.ByteBuf;
import java.util.Iterator;
import java.util.List;

/**
 * One statement run once per row, asyncpg's {@code executemany}: prepared like any statement
 * ({@link QueryCommand}), then a Bind/Execute per row and one Sync at the end, so the rows form one
 * exchange and, outside an explicit transaction, one implicit transaction (55.2.3): a row that fails
 * makes the server skip to the Sync, and nothing of the batch stays.
 *
 * <p>The rows are encoded straight into the pipeline's outgoing buffer, read from the caller's
 * iterator on the loop a chunk at a time: about {@link CommandPipeline#FLUSH_THRESHOLD} bytes of
 * messages, flushed, and the next chunk once the socket took it. Memory stays bounded by a chunk
 * however many rows there are, and the loop serves its other channels between chunks. Writes stay
 * held from the first row to the Sync, so nothing else lands inside the batch.
 *
 * <p>A row the driver cannot send (wrong shape or parameter count, a value no codec takes, an
 * iterator that throws) fails the batch as a server error would: when rows were sent already, an
 * Execute of a portal that does not exist ({@link #ABORT_PORTAL}) makes the server fail the unit
 * before the Sync, so those rows are rolled back too. A passed deadline does the same after the
 * CancelRequest ({@link Cancellation}), so a cancel that lands late cannot let a prefix commit.
 * Errors name the 0-based row, never its values.
 *
 * <p>Thread ownership: the connection's event loop (the iterator is read there).
 */
final class BatchCommand extends QueryCommand {
    /** Executed to make the server fail the batch before its Sync: no portal of this name ever exists. */
    static final String ABORT_PORTAL = "fa_abort_batch";

    private final Iterator<?> rows;
    private final Promise<Long> total;
    private Rows exchange;
    /** Rows whose Bind/Execute was written. */
    private long written;
    private boolean holding;
    private boolean synced;
    /** A row the driver could not send; the batch fails with it. */
    private PgException clientError;

    BatchCommand(String sql, PreparedQuery prepared, Iterator<?> rows, long deadlineNanos, Promise<Long> total) {
        super(sql, prepared, new Object[0], deadlineNanos, new Promise<>());
        this.rows = rows;
        this.total = total;
        promise.onComplete((ignored, error) -> {
            if (error != null) {
                total.fail(error);
            } else {
                total.complete(exchange == null ? 0 : exchange.affected);
            }
        });
    }

    @Override
    void write(PgConnection c) {
        boolean any;
        try {
            any = rows.hasNext();
        } catch (RuntimeException e) {
            promise.fail(rowError(0, "reading the rows failed: " + e, e));
            return;
        }
        if (!any) {
            promise.complete(null); // an empty batch sends nothing
            return;
        }
        super.write(c);
    }

    @Override
    void execute(PgConnection c, StatementInfo info) {
        holding = true;
        c.pipeline().holdWritesFor(this);
        sendRows(c, info, false);
    }

    @Override
    boolean holdsPortal() {
        return holding;
    }

    /** Writes the next chunk of rows, then either the Sync or a flush that continues when the socket took it. */
    private void sendRows(PgConnection c, StatementInfo info, boolean continuing) {
        if (c.isBroken() || synced) {
            return;
        }
        CommandPipeline pipeline = c.pipeline();
        ByteBuf out = pipeline.out();
        int chunkEnd = out.writerIndex() + CommandPipeline.FLUSH_THRESHOLD;
        short[] resultFormats = new short[0];
        try {
            while (!abandoned && (exchange == null || exchange.error == null) && out.writerIndex() < chunkEnd
                    && rows.hasNext()) {
                Object[] args = argsOf(rows.next());
                if (args.length != info.paramOids().length) {
                    throw new PgException("the statement has " + info.paramOids().length + " parameter(s) but the row has "
                            + args.length + " value(s)");
                }
                BindMessage.write(out, info.name(), info.paramOids(), args, c.types(), resultFormats);
                FrontendMessages.execute(out, "", 0);
                if (exchange == null) {
                    exchange = new Rows(info);
                    pipeline.sent(exchange);
                }
                written++;
            }
        } catch (RuntimeException e) {
            clientError = e instanceof PgException pe ? rowError(written, pe) : rowError(written, e.toString(), e);
        }
        boolean serverFailed = exchange != null && exchange.error != null;
        if (clientError == null && !abandoned && !serverFailed && rowsLeft()) {
            pipeline.flushThen(() -> sendRows(c, info, true));
            return;
        }
        if (exchange == null) {
            // No row went out (the first could not be sent, or the deadline passed first): nothing to end.
            synced = true;
            if (clientError != null) {
                promise.fail(clientError);
            }
            release(pipeline, continuing);
            return;
        }
        if (clientError != null || (abandoned && !serverFailed)) {
            FrontendMessages.execute(out, ABORT_PORTAL, 0);
        }
        FrontendMessages.sync(out);
        synced = true;
        release(pipeline, continuing);
    }

    private boolean rowsLeft() {
        try {
            return rows.hasNext();
        } catch (RuntimeException e) {
            clientError = rowError(written, "reading the rows failed: " + e, e);
            return false;
        }
    }

    /**
     * Ends the hold. Within the first chunk, written from {@link #write} or the Prepare's answer, whoever
     * called us drains next; a continuation drains itself (draining from inside a write would nest one
     * drain per small batch queued behind).
     */
    private void release(CommandPipeline pipeline, boolean drain) {
        holding = false;
        if (drain) {
            pipeline.releaseWrites(this);
        } else {
            pipeline.endHold(this);
        }
    }

    /** A row's parameters: an {@code Object[]} as it is, a {@link List}'s elements, a record's components. */
    static Object[] argsOf(Object row) {
        if (row instanceof Object[] array) {
            return array;
        }
        if (row instanceof List<?> list) {
            return list.toArray();
        }
        if (row instanceof Record record) {
            return RecordComponents.values(record);
        }
        throw new IllegalArgumentException("a row must be an Object[], a List or a record, got "
                + (row == null ? "null" : row.getClass().getName()));
    }

    /** {@code error} as the failure of row {@code row}: the same class and server fields, the row named first. */
    static PgException rowError(long row, PgException error) {
        String prefix = "batch row " + row + ": ";
        if (error.code() != null && error.serverMessage() != null) {
            return ServerErrors.toException(error.fields(), prefix);
        }
        return new PgException(prefix + error.getMessage(), error.getCause(), error.fields());
    }

    private static PgException rowError(long row, String message, Throwable cause) {
        return new PgException("batch row " + row + ": " + message, cause);
    }

    /** The Bind/Execute of every row, then the Sync: a BindComplete and a CommandComplete per row. */
    private final class Rows extends Exchange {
        private final StatementInfo info;
        /** Rows the server has completed. */
        private long completed;
        long affected;
        PgException error;
        /** The server no longer accepts the statement (0A000, 26000): prepared again next time. */
        private boolean stale;

        Rows(StatementInfo info) {
            this.info = info;
        }

        @Override
        Command command() {
            return BatchCommand.this;
        }

        @Override
        boolean extendedProtocol() {
            return true;
        }

        @Override
        void commandComplete(String tag) {
            completed++;
            affected += rowCount(tag);
        }

        @Override
        void error(PgException e) {
            if (error == null) {
                error = rowError(completed, e);
                stale = "0A000".equals(e.code()) || "26000".equals(e.code());
            }
        }

        @Override
        void readyForQuery(PgConnection c, char status) {
            if (stale) {
                c.statements().forget(info, prepared);
            }
            if (clientError != null) {
                promise.fail(clientError); // the server's error is the abort we asked for
            } else if (error != null) {
                promise.fail(TransactionPooling.explain(error, info.name()));
            } else if (!abandoned) {
                promise.complete((QueryResult) null);
            }
        }

        @Override
        void fail(Throwable cause) {
            promise.fail(cause);
        }
    }

    /** The count at the end of a command tag ({@code INSERT 0 1}, {@code UPDATE 3}); 0 when there is none. */
    static long rowCount(String tag) {
        long n = 0;
        long scale = 1;
        for (int i = tag.length() - 1; i >= 0; i--) {
            char ch = tag.charAt(i);
            if (ch < '0' || ch > '9') {
                return ch == ' ' ? n : 0;
            }
            n += (ch - '0') * scale;
            scale *= 10;
        }
        return 0;
    }
}
