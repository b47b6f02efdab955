package io.fasterapi.pg.internal.connection;

import io.fasterapi.core.Future;
import io.fasterapi.core.Promise;
import io.fasterapi.pg.PgException;
import io.fasterapi.pg.PgTimeoutException;
import io.fasterapi.pg.QueryResult;
import io.fasterapi.pg.internal.protocol.FrontendMessages;
import io.fasterapi.pg.internal.result.BufferedQueryResult;
import io.fasterapi.pg.internal.result.ColumnLayout;
import io.fasterapi.pg.internal.result.RowBuffers;
import io.netty.buffer.ByteBuf;

/**
 * A query read through the unnamed portal {@code chunkSize} rows at a time (55.2.3: Execute with a
 * row limit answers PortalSuspended). Each Execute is followed by Flush, not Sync, so the portal
 * survives outside an explicit transaction too (the implicit one stays open until our Sync). Sync
 * goes out when the rows end, after an error, or with Close(portal) when the stream closes early.
 * The connection writes nothing else meanwhile (the hold lasts until ReadyForQuery).
 *
 * <p>Deadline: {@code timeoutNanos} (0: none) bounds each wait on the server — for the first chunk
 * (as a statement's deadline) and, from each {@link #next()}, for the chunk asked for — never the
 * time the reader takes between chunks, so a long stream that keeps moving is never cut. When a wait
 * passes it, the chunk fails with {@link PgTimeoutException} and the portal's statement is cancelled
 * (a connection still owing its answer is then handled by the pool as for any timed-out statement).
 *
 * <p>Prepared like any statement ({@link QueryCommand}); chunks are {@link BufferedQueryResult}s
 * handed over by promise. Thread ownership: the exchange runs on the loop; {@link #last} and
 * {@link #layout} are volatile for the reader.
 */
final class StreamCommand extends QueryCommand {
    private final int chunkSize;
    private final long timeoutNanos;
    private final Promise<QueryResult> first;
    private PgConnection connection;
    private CommandPipeline pipeline;
    private Portal portal;
    private boolean holding;
    volatile boolean last;
    volatile ColumnLayout layout;

    StreamCommand(String sql, Object[] args, int chunkSize, Promise<QueryResult> first, long timeoutNanos) {
        super(sql, null, args, timeoutNanos == 0 ? 0 : System.nanoTime() + timeoutNanos, first);
        this.chunkSize = chunkSize;
        this.timeoutNanos = timeoutNanos;
        this.first = first;
    }

    @Override
    void execute(PgConnection c, StatementInfo info) {
        ByteBuf out = bind(c, info); // fails `first`, this command's promise, on a client-side error
        if (out == null) {
            return;
        }
        connection = c;
        pipeline = c.pipeline();
        layout = info.layout();
        FrontendMessages.execute(out, "", chunkSize);
        FrontendMessages.flush(out);
        portal = new Portal(info.layout(), first);
        pipeline.sent(portal);
        holding = true;
        pipeline.holdWritesFor(this);
    }

    @Override
    boolean holdsPortal() {
        return holding;
    }

    /** The next chunk; fails if the stream is over. Any thread; completes on the shard. */
    Future<QueryResult> next() {
        Promise<QueryResult> p = new Promise<>(connection.shard());
        connection.onLoop(() -> {
            if (portal.ended || portal.error != null) {
                p.fail(portal.error != null ? portal.error : new PgException("the stream has no more rows"));
                return;
            }
            portal.pending = p;
            ByteBuf out = pipeline.out();
            FrontendMessages.execute(out, "", chunkSize);
            FrontendMessages.flush(out);
            if (timeoutNanos != 0) {
                connection.schedule(() -> timeOutChunk(p), timeoutNanos);
            }
        });
        return p;
    }

    /** The chunk {@code p} was asked for a deadline ago: fail it and cancel the statement. Loop. */
    private void timeOutChunk(Promise<QueryResult> p) {
        if (portal.pending != p) {
            return; // it arrived (or the stream ended) in time
        }
        PgTimeoutException timeout = new PgTimeoutException("no rows from the server for "
                + java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms (the deadline) while streaming: "
                + describe());
        portal.pending = null;
        p.fail(timeout);
        connection.cancellation().timeOut(this, timeout);
    }

    /** Closes the portal early (Close + Sync); nothing waits for the answer. Any thread. */
    void closeEarly() {
        connection.onLoop(() -> {
            if (portal.ended) {
                return;
            }
            portal.ended = true;
            ByteBuf out = pipeline.out();
            FrontendMessages.closePortal(out, "");
            FrontendMessages.sync(out);
        });
    }

    private final class Portal extends Exchange {
        private final ColumnLayout layout;
        Promise<QueryResult> pending;
        private RowBuffers rows = new RowBuffers();
        boolean ended;
        PgException error;

        Portal(ColumnLayout layout, Promise<QueryResult> first) {
            this.layout = layout;
            this.pending = first;
        }

        @Override
        Command command() {
            return StreamCommand.this;
        }

        @Override
        boolean extendedProtocol() {
            return true;
        }

        @Override
        public void dataRow(ByteBuf buffer, int start, int length) {
            if (error == null && pending != null) {
                rows.add(buffer, start);
            }
        }

        private void handOver(String tag) {
            BufferedQueryResult chunk = new BufferedQueryResult(layout, rows, tag);
            rows = new RowBuffers();
            Promise<QueryResult> p = pending;
            pending = null;
            if (p == null || !p.complete(chunk)) {
                chunk.close();
            }
        }

        @Override
        public void portalSuspended() {
            handOver(null);
        }

        @Override
        void commandComplete(String tag) {
            ended = true;
            last = true;
            FrontendMessages.sync(pipeline.out());
            handOver(tag);
        }

        @Override
        public void emptyQueryResponse() {
            commandComplete("");
        }

        @Override
        void error(PgException e) {
            error = e;
            releaseRows();
            if (!ended) {
                ended = true;
                FrontendMessages.sync(pipeline.out()); // the server skips everything up to a Sync
            }
            if (pending != null) {
                pending.fail(e);
                pending = null;
            }
        }

        private void releaseRows() {
            rows.run();
            rows = new RowBuffers();
        }

        @Override
        void readyForQuery(PgConnection c, char status) {
            last = true;
            releaseRows();
            ended = true;
            holding = false;
            pipeline.releaseWrites(StreamCommand.this);
            if (pending != null) {
                pending.fail(new PgException("the stream was closed"));
            }
        }

        @Override
        void fail(Throwable cause) {
            last = true;
            releaseRows();
            if (pending != null) {
                pending.fail(cause);
            }
        }
    }
}
