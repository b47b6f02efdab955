package io.fasterapi.pg.internal.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Encoders of the frontend messages of protocol 3.0 and 3.2 (PostgreSQL docs 55.7, "Message Formats"),
 * writing straight into the outgoing buffer. Each method writes one whole message. Runs on the
 * connection's event loop.
 */
public final class FrontendMessages {
    static final int SSL_REQUEST_CODE = 80_877_103;
    static final int CANCEL_REQUEST_CODE = 80_877_102;

    private FrontendMessages() {
    }

    /** StartupMessage: no type byte; length, version, then name/value pairs and a final NUL. */
    public static void startup(ByteBuf out, int protocolVersion, Map<String, String> params) {
        int start = out.writerIndex();
        out.writeInt(0).writeInt(protocolVersion);
        for (Map.Entry<String, String> e : params.entrySet()) {
            cstring(out, e.getKey());
            cstring(out, e.getValue());
        }
        out.writeByte(0);
        out.setInt(start, out.writerIndex() - start);
    }

    /** SSLRequest: asks the server to switch to TLS; it answers one byte, S or N. */
    public static void sslRequest(ByteBuf out) {
        out.writeInt(8).writeInt(SSL_REQUEST_CODE);
    }

    /**
     * CancelRequest, sent on a fresh connection (55.2.8, "Canceling Requests in Progress"). The
     * key is whatever BackendKeyData carried: 4 bytes on protocol 3.0, up to 256 on 3.2, so the
     * length word follows it.
     */
    public static void cancelRequest(ByteBuf out, int processId, byte[] secretKey) {
        out.writeInt(12 + secretKey.length).writeInt(CANCEL_REQUEST_CODE).writeInt(processId).writeBytes(secretKey);
    }

    /** PasswordMessage with a NUL-terminated password (cleartext or MD5 hash). */
    public static void password(ByteBuf out, byte[] password) {
        int start = begin(out, 'p');
        out.writeBytes(password).writeByte(0);
        end(out, start);
    }

    /** SASLInitialResponse: mechanism name and the client-first-message. */
    public static void saslInitialResponse(ByteBuf out, String mechanism, byte[] data) {
        int start = begin(out, 'p');
        cstring(out, mechanism);
        out.writeInt(data.length).writeBytes(data);
        end(out, start);
    }

    /** SASLResponse: the client-final-message. */
    public static void saslResponse(ByteBuf out, byte[] data) {
        int start = begin(out, 'p');
        out.writeBytes(data);
        end(out, start);
    }

    /** Query (simple protocol): one string, possibly several statements. */
    public static void query(ByteBuf out, String sql) {
        int start = begin(out, 'Q');
        cstring(out, sql);
        end(out, start);
    }

    /** Parse with no parameter types given: the server infers them (we learn them from Describe). */
    public static void parse(ByteBuf out, String statement, String sql) {
        int start = begin(out, 'P');
        cstring(out, statement);
        cstring(out, sql);
        out.writeShort(0);
        end(out, start);
    }

    /** Describe of a prepared statement: ParameterDescription, then RowDescription or NoData. */
    public static void describeStatement(ByteBuf out, String statement) {
        int start = begin(out, 'D');
        out.writeByte('S');
        cstring(out, statement);
        end(out, start);
    }

    /** Execute of the unnamed portal; {@code maxRows} 0 means all rows. */
    public static void execute(ByteBuf out, String portal, int maxRows) {
        int start = begin(out, 'E');
        cstring(out, portal);
        out.writeInt(maxRows);
        end(out, start);
    }

    /** Close of a prepared statement (on cache eviction). */
    public static void closeStatement(ByteBuf out, String statement) {
        int start = begin(out, 'C');
        out.writeByte('S');
        cstring(out, statement);
        end(out, start);
    }

    /** Close of a portal (an early-closed stream). */
    public static void closePortal(ByteBuf out, String portal) {
        int start = begin(out, 'C');
        out.writeByte('P');
        cstring(out, portal);
        end(out, start);
    }

    /** Sync: ends an extended-query unit; the server answers ReadyForQuery (55.2.3). */
    public static void sync(ByteBuf out) {
        out.writeByte('S').writeInt(4);
    }

    /** Flush: asks the server to send what it has without ending the unit. */
    public static void flush(ByteBuf out) {
        out.writeByte('H').writeInt(4);
    }

    /** Length of a CopyData header (type byte and int32 length), written before its payload. */
    public static final int COPY_DATA_HEADER = 5;

    /** Back-fills the header of a CopyData whose payload follows the 5 bytes reserved at {@code start}. */
    public static void copyDataHeader(ByteBuf out, int start) {
        out.setByte(start, 'd');
        out.setInt(start + 1, out.writerIndex() - start - 1);
    }

    /** CopyDone: the COPY FROM STDIN data is complete. */
    public static void copyDone(ByteBuf out) {
        out.writeByte('c').writeInt(4);
    }

    /** CopyFail: aborts COPY FROM STDIN; the server answers with an error carrying {@code reason}. */
    public static void copyFail(ByteBuf out, String reason) {
        int start = begin(out, 'f');
        cstring(out, reason);
        end(out, start);
    }

    /** Terminate: polite goodbye before closing the socket. */
    public static void terminate(ByteBuf out) {
        out.writeByte('X').writeInt(4);
    }

    /** Starts a typed message and returns the index of its length field. */
    public static int begin(ByteBuf out, char type) {
        out.writeByte(type);
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        return lengthIndex;
    }

    /** Back-fills the length of a message begun with {@link #begin}. */
    public static void end(ByteBuf out, int lengthIndex) {
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex);
    }

    /** Writes a NUL-terminated UTF-8 string. */
    public static void cstring(ByteBuf out, String s) {
        out.writeCharSequence(s, StandardCharsets.UTF_8);
        out.writeByte(0);
    }
}
