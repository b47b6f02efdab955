package io.fasterapi.pg.internal.protocol;

import io.netty.buffer.ByteBuf;
import java.util.Map;

/**
 * The backend messages that move the connection's queue of exchanges on, or that it must see
 * before the head exchange does: ReadyForQuery ends the head exchange, an ErrorResponse may end
 * the session, a CommandComplete may have changed it (SET, LISTEN, DISCARD ALL), a
 * CopyInResponse the head did not ask for must be refused, and a message nobody understands
 * breaks the connection. Runs on the connection's event loop.
 */
public interface PipelineMessageHandler {
    void readyForQuery(char transactionStatus);

    void errorResponse(Map<Character, String> fields);

    void commandComplete(String tag);

    /** CopyInResponse: the server waits for CopyData, then CopyDone or CopyFail (55.2.6). */
    void copyInResponse(boolean binary);

    /** Any message this driver does not understand (CopyBothResponse, used by replication, say). */
    void unexpected(char type, ByteBuf body);
}
