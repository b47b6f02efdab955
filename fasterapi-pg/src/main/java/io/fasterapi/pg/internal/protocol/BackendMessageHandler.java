package io.fasterapi.pg.internal.protocol;

import io.netty.buffer.ByteBuf;
import java.util.Map;

/**
 * Receives the backend messages that {@link BackendMessageDecoder} parses, one call per message,
 * without intermediate message objects. Runs on the connection's event loop. Buffers passed in are
 * only valid during the call, except {@link #copyData}'s, which the handler owns and must release.
 */
public interface BackendMessageHandler {
    /** The one-byte answer to SSLRequest: {@code 'S'} or {@code 'N'}. */
    void sslResponse(byte answer, boolean moreBytesBuffered);

    /** An Authentication* message: its subtype code and the rest of the body. */
    void authentication(int code, ByteBuf body);

    /**
     * BackendKeyData: the backend's process id and its cancel key, 4 bytes on protocol 3.0 and 4
     * to 256 bytes on 3.2 (the decoder enforces that range; the handler checks it against the
     * negotiated version).
     */
    void backendKeyData(int processId, byte[] secretKey);

    void parameterStatus(String name, String value);

    /**
     * NegotiateProtocolVersion: the server does not speak the minor version asked for.
     * {@code newestVersion} is what the server sends: {@code major << 16 | minor} from every
     * released server (older documentation called it the bare minor version).
     */
    void negotiateProtocolVersion(int newestVersion, java.util.List<String> unsupportedOptions);

    void readyForQuery(char transactionStatus);

    void rowDescription(String[] names, int[] typeOids);

    /**
     * A DataRow: its body (int16 column count, then the columns) is {@code buffer[start, start + length)}.
     * The buffer is lent for the call; a callee that keeps the row retains the buffer (the same
     * buffer carries many rows, so once per buffer is enough) and must never change its indices.
     */
    void dataRow(ByteBuf buffer, int start, int length);

    void commandComplete(String tag);

    void emptyQueryResponse();

    void errorResponse(Map<Character, String> fields);

    void noticeResponse(Map<Character, String> fields);

    void notification(int processId, String channel, String payload);

    void parseComplete();

    void bindComplete();

    void closeComplete();

    void noData();

    void portalSuspended();

    void parameterDescription(int[] typeOids);

    /** CopyInResponse: the server waits for CopyData, then CopyDone or CopyFail (55.2.6). */
    void copyInResponse(boolean binary);

    /** CopyOutResponse: CopyData messages follow, then CopyDone. */
    void copyOutResponse(boolean binary);

    /** A CopyData; {@code data} is a retained slice of the payload, owned by the callee. */
    void copyData(ByteBuf data);

    /** CopyDone from the server: the COPY TO STDOUT data is complete. */
    void copyDone();

    /** Any message this driver does not understand (CopyBothResponse, used by replication, say). */
    void unexpected(char type, ByteBuf body);
}
