package io.fasterapi.pg.internal.protocol;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * The backend messages that answer the exchange at the head of the connection's queue: the
 * decoder hands each straight to it, one call per message, without intermediate message objects.
 * The login's messages (the SSLRequest answer, Authentication*, NegotiateProtocolVersion,
 * BackendKeyData) are among them, since login is the first exchange on every connection.
 *
 * <p>An abstract class rather than an interface so that the per-row call, which goes to one of
 * several kinds of exchange, stays a plain virtual call. Runs on the connection's event loop.
 * Buffers passed in are only valid during the call, except {@link #copyData}'s, which the handler
 * owns and must release.
 */
public abstract class ExchangeMessageHandler {
    /** The one-byte answer to SSLRequest: {@code 'S'} or {@code 'N'}. */
    public abstract void sslResponse(byte answer, boolean moreBytesBuffered);

    /** An Authentication* message: its subtype code and the rest of the body. */
    public abstract void authentication(int code, ByteBuf body);

    /**
     * NegotiateProtocolVersion: the server does not speak the minor version asked for.
     * {@code newestVersion} is what the server sends: {@code major << 16 | minor} from every
     * released server (older documentation called it the bare minor version).
     */
    public abstract void negotiateProtocolVersion(int newestVersion, List<String> unsupportedOptions);

    /**
     * BackendKeyData: the backend's process id and its cancel key, 4 bytes on protocol 3.0 and 4
     * to 256 bytes on 3.2 (the decoder enforces that range; the login checks it against the
     * negotiated version).
     */
    public abstract void backendKeyData(int processId, byte[] secretKey);

    public abstract void parseComplete();

    public abstract void parameterDescription(int[] typeOids);

    public abstract void rowDescription(String[] names, int[] typeOids);

    public abstract void noData();

    public abstract void bindComplete();

    /**
     * A DataRow: its body (int16 column count, then the columns) is {@code buffer[start, start + length)}.
     * The buffer is lent for the call; a callee that keeps the row retains the buffer (the same
     * buffer carries many rows, so once per buffer is enough) and must never change its indices.
     */
    public abstract void dataRow(ByteBuf buffer, int start, int length);

    public abstract void emptyQueryResponse();

    public abstract void portalSuspended();

    public abstract void closeComplete();

    /** CopyOutResponse: CopyData messages follow, then CopyDone. */
    public abstract void copyOutResponse(boolean binary);

    /** A CopyData; {@code data} is a retained slice of the payload, owned by the callee. */
    public abstract void copyData(ByteBuf data);

    /** CopyDone from the server: the COPY TO STDOUT data is complete. */
    public abstract void copyDone();
}
