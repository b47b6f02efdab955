package io.fasterapi.pg.internal.connection;

import io.fasterapi.pg.PgException;
import io.netty.buffer.ByteBuf;

/**
 * One request/response unit on the wire, ended by its own Sync (or a simple Query) and so by
 * exactly one ReadyForQuery (protocol 55.2.3: after an error the server skips to the Sync, so an
 * error fails only its own unit). Connections keep in-flight exchanges in a FIFO and hand each
 * backend message to the head. Runs on the connection's event loop.
 */
abstract class Exchange {
    /** The command this exchange belongs to, for deadline and cancel bookkeeping. */
    abstract Command command();

    void parseComplete() {
    }

    void parameterDescription(int[] oids) {
    }

    void rowDescription(String[] names, int[] oids) {
    }

    void noData() {
    }

    void bindComplete() {
    }

    /** A DataRow at {@code buffer[start, start + length)}, lent for the call; by default ignored. */
    void dataRow(ByteBuf buffer, int start, int length) {
    }

    void commandComplete(String tag) {
    }

    void emptyQuery() {
    }

    void portalSuspended() {
    }

    /**
     * CopyInResponse. Returns false when this exchange did not ask for COPY FROM STDIN, and the
     * connection then refuses it with CopyFail.
     */
    boolean copyInResponse(PgConnection connection, boolean binary) {
        return false;
    }

    void copyOutResponse(boolean binary) {
    }

    /** A CopyData payload; owned by the callee. By default (COPY TO STDOUT run by exec) discarded. */
    void copyData(ByteBuf data) {
        data.release();
    }

    void copyDone() {
    }

    /** The socket read that delivered the last messages is over (a natural point to hand on data). */
    void readComplete() {
    }

    /** True for exchanges on the extended protocol (which need a Sync after a CopyFail). */
    boolean extendedProtocol() {
        return false;
    }

    abstract void error(PgException error);

    /** The unit is over; {@code status} is the transaction status after it. */
    abstract void readyForQuery(PgConnection connection, char status);

    /** The connection broke before the unit ended. */
    abstract void fail(Throwable cause);
}
