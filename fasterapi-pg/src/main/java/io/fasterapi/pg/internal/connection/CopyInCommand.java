package io.fasterapi.pg.internal.connection;

import io.fasterapi.core.Promise;
import io.fasterapi.pg.PgException;
import io.fasterapi.pg.internal.protocol.FrontendMessages;

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
 * <p>Deadline: {@link #deadlineNanos} bounds only the wait for CopyInResponse; after that the
 * writer bounds each of its waits by {@link #timeoutNanos} (see {@link CopyInWriter}). A
 * CopyInResponse arriving after the start timed out is refused with CopyFail.
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
    /** Longest wait on the server or the network, in nanoseconds; 0 for no limit. */
    final long timeoutNanos;

    /**
     * @param startDeadline System.nanoTime() by which the server must be ready for data, or 0
     * @param timeoutNanos longest wait on the server or the network for each later step, or 0
     */
    CopyInCommand(String sql, long startDeadline, long timeoutNanos, Promise<Boolean> started, Promise<Long> done) {
        super(startDeadline);
        this.sql = sql;
        this.timeoutNanos = timeoutNanos;
        this.started = started;
        this.done = done;
    }

    /** The first deadline bounds only the wait for the server to accept the COPY. */
    @Override
    boolean deadlineApplies() {
        State s = state;
        return s == State.QUEUED || s == State.STARTING;
    }

    @Override
    void write(PgConnection c) {
        FrontendMessages.query(c.pipeline().out(), sql);
        state = State.STARTING;
        c.pipeline().sent(new CopyExchange());
        c.pipeline().holdWritesFor(this);
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
        return describeSql(sql);
    }

    private final class CopyExchange extends Exchange {
        private String tag;

        @Override
        Command command() {
            return CopyInCommand.this;
        }

        @Override
        boolean copyInResponse(PgConnection c, boolean binary) {
            if (isDone()) {
                return false; // timed out while the server got ready: the connection refuses the COPY
            }
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
            c.pipeline().releaseWrites(CopyInCommand.this);
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
