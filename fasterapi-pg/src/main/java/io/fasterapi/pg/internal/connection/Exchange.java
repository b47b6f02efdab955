package io.fasterapi.pg.internal.connection;

import io.fasterapi.pg.PgConnectionException;
import io.fasterapi.pg.PgException;
import io.fasterapi.pg.internal.protocol.ExchangeMessageHandler;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * One request/response unit on the wire, ended by its own Sync (or a simple Query) and so by
 * exactly one ReadyForQuery (protocol 55.2.3: after an error the server skips to the Sync, so an
 * error fails only its own unit). The connection keeps in-flight exchanges in a FIFO
 * ({@link CommandPipeline}); the decoder hands each message that answers an exchange straight to
 * the head. The login ({@link Login}) is the first exchange on every connection.
 *
 * <p>By default an exchange ignores the messages it did not ask for, and treats the login's
 * messages as the protocol violation they are after login: the exception breaks the connection.
 * Runs on the connection's event loop.
 */
abstract class Exchange extends ExchangeMessageHandler {
    /** The command this exchange belongs to, for deadline and cancel bookkeeping. */
    abstract Command command();

    @Override
    public void sslResponse(byte answer, boolean moreBytesBuffered) {
        throw new PgConnectionException("protocol error: an SSL response outside the login");
    }

    @Override
    public void authentication(int code, ByteBuf body) {
        throw new PgConnectionException("unexpected authentication request after login");
    }

    @Override
    public void negotiateProtocolVersion(int newestVersion, List<String> unsupportedOptions) {
        throw new PgConnectionException("protocol error: NegotiateProtocolVersion after login");
    }

    /** BackendKeyData belongs to the login; sent later, it is ignored (the cancel key stays the login's). */
    @Override
    public void backendKeyData(int processId, byte[] secretKey) {
    }

    @Override
    public void parseComplete() {
    }

    @Override
    public void parameterDescription(int[] oids) {
    }

    @Override
    public void rowDescription(String[] names, int[] oids) {
    }

    @Override
    public void noData() {
    }

    @Override
    public void bindComplete() {
    }

    /** A DataRow at {@code buffer[start, start + length)}, lent for the call; by default ignored. */
    @Override
    public void dataRow(ByteBuf buffer, int start, int length) {
    }

    @Override
    public void emptyQueryResponse() {
    }

    @Override
    public void portalSuspended() {
    }

    /** Close of an evicted statement rides ahead of a Parse; nothing waits for it. */
    @Override
    public void closeComplete() {
    }

    @Override
    public void copyOutResponse(boolean binary) {
    }

    /** A CopyData payload; owned by the callee. By default (COPY TO STDOUT run by exec) discarded. */
    @Override
    public void copyData(ByteBuf data) {
        data.release();
    }

    @Override
    public void copyDone() {
    }

    /** CommandComplete, after the pipeline noted what it did to the session. */
    void commandComplete(String tag) {
    }

    /**
     * CopyInResponse. Returns false when this exchange did not ask for COPY FROM STDIN, and the
     * pipeline then refuses it with CopyFail.
     */
    boolean copyInResponse(PgConnection connection, boolean binary) {
        return false;
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
