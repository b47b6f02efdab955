package io.fasterapi.pg.internal.connection;

import io.fasterapi.core.Promise;
import io.fasterapi.pg.PgException;
import io.fasterapi.pg.internal.protocol.FrontendMessages;
import io.netty.buffer.ByteBuf;

/**
 * {@code COPY ... FROM STDIN} on the simple protocol (55.2.6), as a state machine:
 *
 * <pre>
 *   QUEUED ──write: Query──► STARTING ──CopyInResponse──► COPYING ──CopyDone/CopyFail──► ENDING ──RFQ──► DONE
 *                               │ rows, no COPY                  │ ErrorResponse                          ▲
 *                               └──────────► (RFQ) DONE: "not a COPY FROM STDIN"  └──► FAILED ──RFQ───────┘
 * </pre>
 *
 * The data itself is written by the user's thread ({@link CopyInWriter}) straight to the channel
 * while the connection holds back every other command; after an ErrorResponse the server drops any
 * CopyData still arriving (55.2.6), so a writer racing with an error does no harm.
 *
 * <p>Thread ownership: the state machine runs on the connection's loop; {@link #state} and
 * {@link #error} are volatile because the writer reads them.
 */
final class CopyInCommand extends Command {
    enum State { QUEUED, STARTING, COPYING, ENDING, FAILED, DONE }

    private final String sql;
    /** Completes when the server is ready for data (CopyInResponse). */
    final Promise<Boolean> started;
    /** Completes with the row count once the server has answered CopyDone. */
    final Promise<Long> done;
    volatile State state = State.QUEUED;
    volatile PgException error;

    CopyInCommand(String sql, Promise<Boolean> started, Promise<Long> done) {
        super(0);
        this.sql = sql;
        this.started = started;
        this.done = done;
    }

    @Override
    void write(PgConnection c) {
        FrontendMessages.query(c.out(), sql);
        state = State.STARTING;
        c.sent(new CopyExchange());
        c.holdWritesFor(this);
    }

    @Override
    void fail(Throwable cause) {
        state = State.DONE;
        started.fail(cause);
        done.fail(cause);
    }

    @Override
    boolean isDone() {
        return done.isDone();
    }

    @Override
    String describe() {
        return sql.length() > 200 ? sql.substring(0, 200) + "..." : sql;
    }

    private final class CopyExchange extends Exchange {
        private String tag;

        @Override
        Command command() {
            return CopyInCommand.this;
        }

        @Override
        boolean copyInResponse(PgConnection c, boolean binary) {
            state = State.COPYING;
            started.complete(binary);
            return true;
        }

        @Override
        void commandComplete(String tag) {
            this.tag = tag;
        }

        @Override
        void error(PgException e) {
            error = e;
            state = State.FAILED;
        }

        @Override
        void readyForQuery(PgConnection c, char status) {
            State before = state;
            state = State.DONE;
            c.releaseWrites(CopyInCommand.this);
            PgException e = error;
            if (e == null && before == State.STARTING) {
                e = new PgException("not a COPY ... FROM STDIN statement: " + describe());
            }
            if (e != null) {
                started.fail(e);
                done.fail(e);
            } else {
                done.complete(CopyOutCommand.rowCount(tag));
            }
        }

        @Override
        void fail(Throwable cause) {
            CopyInCommand.this.fail(cause);
        }
    }
}
