package io.fasterapi.pg.internal.connection;

import io.fasterapi.core.Promise;
import io.fasterapi.pg.PgException;
import io.fasterapi.pg.QueryResult;
import io.fasterapi.pg.internal.protocol.FrontendMessages;
import io.fasterapi.pg.internal.codec.TypeRegistry;
import io.fasterapi.pg.internal.result.BufferedQueryResult;
import io.fasterapi.pg.internal.result.ColumnLayout;
import io.fasterapi.pg.internal.result.RowBuffers;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * A simple-protocol Query (55.2.2): any number of statements separated by semicolons, no
 * parameters, results in text. One result per statement; the first error fails the whole call
 * (the server stops there and, outside an explicit transaction, rolls the string back).
 */
final class ScriptCommand extends PromisedCommand<List<QueryResult>> {
    ScriptCommand(String sql, long deadlineNanos, Promise<List<QueryResult>> promise) {
        super(sql, deadlineNanos, promise);
    }

    @Override
    void write(PgConnection c) {
        FrontendMessages.query(c.pipeline().out(), sql);
        c.pipeline().sent(new Results(c.types()));
    }

    private final class Results extends Exchange {
        private final List<QueryResult> results = new ArrayList<>();
        private ColumnLayout layout;
        private RowBuffers rows = new RowBuffers();
        private PgException error;
        private final TypeRegistry types;

        Results(TypeRegistry types) {
            this.types = types;
        }

        @Override
        Command command() {
            return ScriptCommand.this;
        }

        @Override
        public void rowDescription(String[] names, int[] oids) {
            rows.run();
            rows = new RowBuffers();
            layout = ColumnLayout.text(names, oids, types);
        }

        @Override
        public void dataRow(ByteBuf buffer, int start, int length) {
            if (!abandoned) {
                rows.add(buffer, start);
            }
        }

        @Override
        void commandComplete(String tag) {
            results.add(new BufferedQueryResult(layout, rows, tag));
            layout = null;
            rows = new RowBuffers();
        }

        @Override
        public void emptyQueryResponse() {
            results.add(BufferedQueryResult.empty(null, ""));
        }

        @Override
        void error(PgException e) {
            error = e;
        }

        @Override
        void readyForQuery(PgConnection c, char status) {
            if (error != null || abandoned) {
                closeAll();
                promise.fail(error != null ? error : new PgException("abandoned"));
            } else if (!promise.complete(results)) {
                closeAll();
            }
        }

        private void closeAll() {
            for (QueryResult r : results) {
                r.close();
            }
            rows.run();
        }

        @Override
        void fail(Throwable cause) {
            closeAll();
            promise.fail(cause);
        }
    }
}
