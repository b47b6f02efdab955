package io.fasterapi.pg.internal.connection;

import io.fasterapi.pg.PgTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * Deadlines and cancels of one connection. A command whose deadline passes while it waits in the
 * queue just fails; one already written fails too, its answers are discarded from then on, and the
 * server is sent a CancelRequest (55.2.8) for it once it is the statement executing. A COPY TO
 * STDOUT whose subscriber cancels asks for the same.
 *
 * <p>A cancel is a state machine, because the server signals the backend asynchronously: writes
 * stay held until both the cancel's socket has closed (the server has signalled the backend) and
 * the target's ReadyForQuery has come, so a late signal cannot hit a statement written after it.
 *
 * <pre>
 *   NONE ──send──► SIGNALLING ──socket closed──► AWAITING_TARGET ──target's RFQ──► NONE
 *                      └──────target's RFQ──► AWAITING_SOCKET ──socket closed──────► NONE
 * </pre>
 *
 * <p>Thread ownership: confined to the connection's event loop, except {@link #timeOutAfter} (any thread).
 */
final class Cancellation {
    private enum State {
        /** No cancel in flight. */
        NONE,
        /** The CancelRequest's socket is open, and the target statement has not ended. */
        SIGNALLING,
        /** The server has signalled the backend; the target's ReadyForQuery is still to come. */
        AWAITING_TARGET,
        /** The target ended; the CancelRequest's socket is still open. */
        AWAITING_SOCKET
    }

    private final PgConnection connection;
    private final DeadlineWatch deadlines;
    private State state = State.NONE;
    /** The exchange the cancel in flight is for; null in {@link State#NONE}. */
    private Exchange target;

    Cancellation(PgConnection connection) {
        this.connection = connection;
        this.deadlines = new DeadlineWatch((nanos, task) -> connection.schedule(task, nanos), this::onDeadline);
    }

    /** True while a cancel is in flight: nothing may be written until it is over. */
    boolean holdsWrites() {
        return state != State.NONE;
    }

    // ------------------------------------------------------------------ deadlines

    /** Checks {@code cmd}'s deadline when it passes, if it has one ({@link DeadlineWatch}). Loop. */
    void watchDeadline(Command cmd) {
        deadlines.watch(cmd);
    }

    private void onDeadline(Command cmd) {
        if (cmd.isDone() || !cmd.deadlineApplies()) {
            return;
        }
        timeOut(cmd, new PgTimeoutException("deadline passed before the statement completed: " + cmd.describe()));
    }

    /** Times {@code cmd} out (as its deadline would) unless it completes within {@code nanos} (0: never). Any thread. */
    void timeOutAfter(Command cmd, long nanos, String what) {
        if (nanos != 0) {
            connection.schedule(() -> {
                if (!cmd.isDone()) {
                    timeOut(cmd, new PgTimeoutException(what + " took longer than the deadline ("
                            + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms): " + cmd.describe()));
                }
            }, nanos);
        }
    }

    /**
     * Fails {@code cmd} with {@code timeout}; if it was written already, its answers are discarded
     * from now on and the server is sent a CancelRequest for it. Loop only.
     */
    void timeOut(Command cmd, PgTimeoutException timeout) {
        CommandPipeline pipeline = connection.pipeline();
        if (pipeline.unqueue(cmd)) {
            cmd.fail(timeout);
            return;
        }
        pipeline.abandon(cmd);
        cmd.fail(timeout);
        cmd.cancelWanted = true;
        sendIfWanted();
    }

    // ------------------------------------------------------------------ cancels

    /**
     * Sends a CancelRequest for the executing exchange if its command asked for one and no cancel
     * is in flight. Loop only.
     */
    void sendIfWanted() {
        if (state != State.NONE) {
            return;
        }
        Exchange head = connection.pipeline().head();
        SessionState session = connection.session();
        if (head == null || !head.command().cancelWanted || session.secretKey() == null) {
            return;
        }
        head.command().cancelWanted = false;
        state = State.SIGNALLING;
        target = head;
        connection.pipeline().exposeToCancel(head.command());
        CancelSender.send(connection.shard(), connection.config(), connection.host(), session.tls(),
                session.tlsDirect(), session.processId(), session.secretKey(), this::socketClosed);
    }

    private void socketClosed() {
        if (state == State.AWAITING_SOCKET) {
            over();
        } else if (state == State.SIGNALLING) {
            state = State.AWAITING_TARGET;
        }
    }

    /** Called with every exchange that ends (its ReadyForQuery came). Loop only. */
    void exchangeEnded(Exchange e) {
        if (e != target) {
            return;
        }
        if (state == State.AWAITING_TARGET) {
            over();
        } else if (state == State.SIGNALLING) {
            state = State.AWAITING_SOCKET;
        }
    }

    private void over() {
        state = State.NONE;
        target = null;
        connection.pipeline().drain();
    }
}
