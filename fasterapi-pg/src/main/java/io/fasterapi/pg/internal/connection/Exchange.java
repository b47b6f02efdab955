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

    void dataRow(ByteBuf row) {
        row.release();
    }

    void commandComplete(String tag) {
    }

    void emptyQuery() {
    }

    void portalSuspended() {
    }

    abstract void error(PgException error);

    /** The unit is over; {@code status} is the transaction status after it. */
    abstract void readyForQuery(PgConnection connection, char status);

    /** The connection broke before the unit ended. */
    abstract void fail(Throwable cause);
}
