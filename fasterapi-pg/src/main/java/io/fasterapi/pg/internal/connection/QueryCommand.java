package io.fasterapi.pg.internal.connection;

import io.fasterapi.core.Promise;
import io.fasterapi.pg.PgException;
import io.fasterapi.pg.PreparedQuery;
import io.fasterapi.pg.QueryResult;
import io.fasterapi.pg.internal.config.TransactionPooling;
import io.fasterapi.pg.internal.protocol.FrontendMessages;
import io.fasterapi.pg.internal.result.BufferedQueryResult;
import io.fasterapi.pg.internal.result.ColumnLayout;
import io.fasterapi.pg.internal.result.RowBuffers;
import io.netty.buffer.ByteBuf;

/**
 * One statement on the extended protocol. If the connection has not prepared it yet, a first
 * exchange sends Parse/Describe/Sync and holds back later commands until the parameter and column
 * types are known (so pipelined commands still run in submission order); then Bind/Execute/Sync.
 * On SQLSTATE 0A000 or 26000 outside a transaction the statement is dropped and the command runs
 * once more, re-prepared; on 57014 from a cancel meant for a statement ahead of it, it runs once
 * more too (see {@link Command#exposedToCancel}).
 *
 * <p>With the statement cache off the statement is the unnamed one, and its Describe is followed by
 * Flush instead of Sync: the Bind/Execute/Sync written once the description arrives is the rest of
 * the same unit, so a pooler in transaction mode (PgBouncer), which may hand each unit ended by a
 * Sync to another server connection, keeps the Parse and the Bind on one (pgjdbc's
 * {@code prepareThreshold=0} sends them in one go for the same reason). After an error in that
 * first half the Sync is written then, since the server skips everything up to one.
 */
class QueryCommand extends PromisedCommand<QueryResult> {
    final PreparedQuery prepared;
    final Object[] args;
    private boolean retried;
    private boolean retriedAfterStrayCancel;
    /** The unknown types of an unnamed statement's description were looked up once already. */
    private boolean lookedUp;

    QueryCommand(String sql, PreparedQuery prepared, Object[] args, long deadlineNanos, Promise<QueryResult> promise) {
        super(sql, deadlineNanos, promise);
        this.prepared = prepared;
        this.args = args;
    }

    @Override
    void write(PgConnection c) {
        StatementInfo info = c.statements().lookup(sql, prepared);
        if (info == null) {
            String name = c.statements().nextName();
            ByteBuf out = c.pipeline().out();
            c.statements().writePendingCloses(out);
            FrontendMessages.parse(out, name, sql);
            FrontendMessages.describeStatement(out, name);
            boolean unnamed = name.isEmpty();
            if (unnamed) {
                FrontendMessages.flush(out);
            } else {
                FrontendMessages.sync(out);
            }
            c.pipeline().sent(new Prepare(name, unnamed ? c : null));
            c.pipeline().holdWritesFor(this);
        } else {
            execute(c, info);
        }
    }

    /** Writes Bind/Execute/Sync for a prepared statement; {@link StreamCommand} writes a portal instead. */
    void execute(PgConnection c, StatementInfo info) {
        ByteBuf out = bind(c, info);
        if (out == null) {
            return;
        }
        FrontendMessages.execute(out, "", 0);
        FrontendMessages.sync(out);
        c.pipeline().sent(new Execute(info));
    }

    /**
     * Checks the argument count and writes Bind into the connection's outbound buffer, which it
     * returns; a client-side error fails this command before anything is sent and returns null.
     */
    final ByteBuf bind(PgConnection c, StatementInfo info) {
        if (args.length != info.paramOids().length) {
            promise.fail(new PgException("the query has " + info.paramOids().length + " parameter(s) but "
                    + args.length + " argument(s) were given"));
            return null;
        }
        ByteBuf out = c.pipeline().out();
        try {
            BindMessage.write(out, info.name(), info.paramOids(), args, c.types(),
                    info.layout() == null ? new short[0] : info.layout().resultFormats());
        } catch (PgException e) {
            promise.fail(e);
            return null;
        }
        return out;
    }

    /** True while a portal of this command is open, so the connection must keep other commands back. */
    boolean holdsPortal() {
        return false;
    }

    /**
     * Queues this command to run once more, first, when it failed with 57014 from a cancel meant
     * for another statement ({@link Command#exposedToCancel}) outside a transaction: its implicit
     * transaction was rolled back, so nothing of it happened. Writes stay held until that cancel is
     * over, so the retry cannot be hit too. True when requeued.
     */
    private boolean requeueAfterStrayCancel(PgConnection c, PgException error, char status) {
        if (!exposedToCancel || retriedAfterStrayCancel || status != 'I' || abandoned || promise.isDone()
                || !"57014".equals(error.code())) {
            return false;
        }
        retriedAfterStrayCancel = true;
        exposedToCancel = false;
        c.pipeline().requeueFirst(this);
        return true;
    }

    /**
     * Parse + Describe(statement) + Sync; or, for the unnamed statement, + Flush, and the unit goes on
     * with Bind/Execute/Sync as soon as the description is in ({@link #described}).
     */
    private final class Prepare extends Exchange {
        private final String name;
        /** The connection, when this Prepare ended in Flush (the unnamed statement); else null. */
        private final PgConnection flushed;
        private int[] paramOids = new int[0];
        private String[] names;
        private int[] oids;
        private PgException error;
        /** Flushed: a Sync went out after all, so this exchange ends with a ReadyForQuery. */
        private boolean synced;
        /** Flushed: types to look up once the Sync's ReadyForQuery is in; then the command runs again. */
        private int[] lookUpAfterSync;

        Prepare(String name, PgConnection flushed) {
            this.name = name;
            this.flushed = flushed;
        }

        @Override
        Command command() {
            return QueryCommand.this;
        }

        @Override
        public void parameterDescription(int[] oids) {
            paramOids = oids;
        }

        @Override
        public void rowDescription(String[] names, int[] oids) {
            this.names = names;
            this.oids = oids;
            if (flushed != null) {
                described(flushed);
            }
        }

        @Override
        public void noData() {
            if (flushed != null) {
                described(flushed);
            }
        }

        @Override
        void error(PgException e) {
            error = e;
            if (flushed != null) {
                sync(flushed); // the server now skips everything up to a Sync
            }
        }

        private void sync(PgConnection c) {
            if (!synced) {
                synced = true;
                FrontendMessages.sync(c.pipeline().out());
            }
        }

        /**
         * Flushed: the description is in. Types the connection does not know yet are looked up after a
         * Sync, and the command then runs again from its Parse; a command that passed its deadline meanwhile
         * ends with a Sync; otherwise Bind/Execute/Sync go out now, the rest of this unit, and this exchange
         * hands the answers over to the Execute's.
         */
        private void described(PgConnection c) {
            int[] unknownTypes = c.types().unresolved(paramOids, oids);
            if (unknownTypes.length > 0 && !lookedUp) {
                lookUpAfterSync = unknownTypes;
                sync(c);
                return;
            }
            if (abandoned || promise.isDone()) {
                sync(c);
                return;
            }
            c.pipeline().retire(this);
            prepared(c, null);
        }

        @Override
        void readyForQuery(PgConnection c, char status) {
            if (lookUpAfterSync != null && error == null) {
                lookedUp = true;
                TypeLookup.send(c, QueryCommand.this, lookUpAfterSync, lookupError -> {
                    if (lookupError != null || abandoned || promise.isDone()) {
                        if (lookupError != null) {
                            promise.fail(lookupError);
                        }
                        c.pipeline().releaseWrites(QueryCommand.this);
                    } else {
                        c.pipeline().endHold(QueryCommand.this);
                        c.pipeline().requeueFirst(QueryCommand.this);
                    }
                });
                return;
            }
            if (flushed != null && error == null) {
                c.pipeline().releaseWrites(QueryCommand.this); // given up after its deadline passed
                return;
            }
            if (error != null) {
                if (!requeueAfterStrayCancel(c, error, status)) {
                    promise.fail(TransactionPooling.explain(error, name));
                }
                c.pipeline().releaseWrites(QueryCommand.this);
                return;
            }
            int[] unknownTypes = c.types().unresolved(paramOids, oids);
            if (unknownTypes.length > 0) {
                // Per-database types (enums, composites...): learn them before encoding or decoding
                // anything; our writes stay held, so the lookup runs right after this Prepare.
                TypeLookup.send(c, QueryCommand.this, unknownTypes, lookupError -> prepared(c, lookupError));
                return;
            }
            prepared(c, null);
        }

        private void prepared(PgConnection c, PgException lookupError) {
            ColumnLayout layout = names == null ? null : ColumnLayout.extended(names, oids, c.types());
            StatementInfo info = new StatementInfo(sql, name, paramOids, layout);
            c.statements().remember(info, prepared);
            if (lookupError != null) {
                c.statements().forget(info, prepared); // Closed with the next Parse; re-prepared next time
                c.pipeline().releaseWrites(QueryCommand.this);
                promise.fail(lookupError);
                return;
            }
            if (!abandoned && !promise.isDone()) {
                execute(c, info); // before releasing the hold, so later commands stay behind us
            }
            if (!holdsPortal()) {
                c.pipeline().releaseWrites(QueryCommand.this);
            }
        }

        @Override
        void fail(Throwable cause) {
            promise.fail(cause);
        }
    }

    /** Bind + Execute + Sync. */
    private final class Execute extends Exchange {
        private final StatementInfo info;
        private RowBuffers rows = new RowBuffers();
        private String tag;
        private PgException error;

        Execute(StatementInfo info) {
            this.info = info;
        }

        @Override
        boolean extendedProtocol() {
            return true;
        }

        @Override
        Command command() {
            return QueryCommand.this;
        }

        @Override
        public void dataRow(ByteBuf buffer, int start, int length) {
            if (!abandoned && error == null) {
                rows.add(buffer, start);
            }
        }

        @Override
        void commandComplete(String tag) {
            this.tag = tag;
        }

        @Override
        public void emptyQueryResponse() {
            this.tag = "";
        }

        @Override
        void error(PgException e) {
            error = e;
            releaseRows();
        }

        private void releaseRows() {
            rows.run();
            rows = new RowBuffers();
        }

        @Override
        void readyForQuery(PgConnection c, char status) {
            if (error != null) {
                String code = error.code();
                boolean stale = "0A000".equals(code) || "26000".equals(code);
                if (stale) {
                    c.statements().forget(info, prepared);
                }
                if (stale && !retried && status == 'I' && !abandoned && !promise.isDone()) {
                    retried = true;
                    c.pipeline().requeueFirst(QueryCommand.this);
                } else if (!requeueAfterStrayCancel(c, error, status)) {
                    promise.fail(TransactionPooling.explain(error, info.name()));
                }
                return;
            }
            BufferedQueryResult result = new BufferedQueryResult(info.layout(), rows, tag);
            if (abandoned || !promise.complete(result)) {
                result.close();
            }
        }

        @Override
        void fail(Throwable cause) {
            releaseRows();
            promise.fail(cause);
        }
    }
}
