package io.fasterapi.pg.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * Splits the server's byte stream into backend messages (PostgreSQL docs 55.7) and hands each to
 * the one that handles it. An explicit state machine, in the style of Netty's HTTP decoder: each
 * state reads what it needs or returns to wait for more bytes.
 *
 * <ul>
 *   <li>{@code SSL_RESPONSE}: the single byte answering SSLRequest (the first state when the login
 *       sends one).
 *   <li>{@code READ_HEADER}: type byte and int32 length (which counts itself).
 *   <li>{@code READ_BODY}: the whole body, then dispatch.
 * </ul>
 *
 * <p>Dispatch, as vertx-sql-client's decoder does: a message that answers an exchange goes
 * straight to the exchange at the head of the connection's in-flight queue
 * ({@link ExchangeMessageHandler}; login is the first exchange, so its messages go there too); a
 * message that ends an exchange or that the queue must see first goes to the pipeline
 * ({@link PipelineMessageHandler}); a message about the session to the session
 * ({@link SessionMessageHandler}). A message for an exchange when none is in flight (the leftovers
 * buffered behind a broken connection's last message) is dropped, except a login message, which
 * is a protocol violation.
 *
 * <p>Limits: a message longer than {@link #MAX_MESSAGE_LENGTH} (1 GiB, the server's own limit for a
 * field value plus framing) is a corrupted stream. DataRow bodies are handed on as a position in the
 * receive buffer, which the handler retains (once per buffer) if it keeps rows; CopyData bodies as
 * retained slices (no copy); every other message is parsed in place. Runs on the connection's
 * event loop.
 */
public final class BackendMessageDecoder extends ByteToMessageDecoder {
    /** Longest message accepted. */
    public static final int MAX_MESSAGE_LENGTH = (1 << 30) + 1024;
    /** Shortest cancel key in BackendKeyData (protocol 3.0's fixed size; 55.7). */
    public static final int MIN_CANCEL_KEY_LENGTH = 4;
    /** Longest cancel key in BackendKeyData (protocol 3.2; PostgreSQL 18 itself sends 32 bytes). */
    public static final int MAX_CANCEL_KEY_LENGTH = 256;

    private enum State { SSL_RESPONSE, READ_HEADER, READ_BODY }

    private final SessionMessageHandler session;
    private final PipelineMessageHandler pipeline;
    /** The connection's in-flight exchanges, oldest first; read here, changed only by the pipeline. */
    private final Queue<? extends ExchangeMessageHandler> inflight;
    private State state;
    private char type;
    private int bodyLength;

    /**
     * @param inflight         the connection's in-flight exchanges, oldest first
     * @param sslResponseFirst whether the login opens with an SSLRequest, so that the first byte
     *                         from the server answers it
     */
    public BackendMessageDecoder(SessionMessageHandler session, PipelineMessageHandler pipeline,
            Queue<? extends ExchangeMessageHandler> inflight, boolean sslResponseFirst) {
        this.session = session;
        this.pipeline = pipeline;
        this.inflight = inflight;
        this.state = sslResponseFirst ? State.SSL_RESPONSE : State.READ_HEADER;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        for (;;) {
            switch (state) {
                case SSL_RESPONSE -> {
                    if (!in.isReadable()) {
                        return;
                    }
                    state = State.READ_HEADER;
                    byte answer = in.readByte();
                    ExchangeMessageHandler login = inflight.peek();
                    if (login != null) {
                        login.sslResponse(answer, in.isReadable());
                    }
                    return;
                }
                case READ_HEADER -> {
                    if (in.readableBytes() < 5) {
                        return;
                    }
                    type = (char) in.readByte();
                    int length = in.readInt();
                    if (length < 4 || length > MAX_MESSAGE_LENGTH) {
                        throw new CorruptedFrameException("invalid length " + length + " of backend message '" + type + "'");
                    }
                    bodyLength = length - 4;
                    state = State.READ_BODY;
                }
                case READ_BODY -> {
                    if (in.readableBytes() < bodyLength) {
                        return;
                    }
                    state = State.READ_HEADER;
                    int start = in.readerIndex();
                    int end = start + bodyLength;
                    if (type == 'D') {
                        // No retained slice per row: that slice was 38% of the allocations of a
                        // 100,000-row fetch and its reference counting ~12% of the loop's CPU. The
                        // handler retains the receive buffer once and remembers offsets.
                        ExchangeMessageHandler head = inflight.peek();
                        try {
                            if (head != null) {
                                head.dataRow(in, start, bodyLength);
                            }
                        } finally {
                            in.readerIndex(end);
                        }
                    } else if (type == 'd') {
                        ExchangeMessageHandler head = inflight.peek();
                        if (head != null) {
                            head.copyData(in.readRetainedSlice(bodyLength));
                        } else {
                            in.readerIndex(end);
                        }
                    } else {
                        try {
                            dispatch(in.slice(start, bodyLength));
                        } catch (IndexOutOfBoundsException e) {
                            // A body shorter than its own fields: the stream is not a PostgreSQL server's.
                            throw new CorruptedFrameException("malformed backend message '" + type + "': its "
                                    + bodyLength + "-byte body ends inside a field", e);
                        } finally {
                            in.readerIndex(end);
                        }
                    }
                    if (ctx.isRemoved()) {
                        return;
                    }
                }
            }
        }
    }

    private void dispatch(ByteBuf body) {
        switch (type) {
            case 'S' -> session.parameterStatus(cstring(body), cstring(body));
            case 'N' -> session.noticeResponse(fields(body));
            case 'A' -> session.notification(body.readInt(), cstring(body), cstring(body));
            case 'Z' -> pipeline.readyForQuery((char) body.readByte());
            case 'E' -> pipeline.errorResponse(fields(body));
            case 'C' -> pipeline.commandComplete(cstring(body));
            case 'G' -> pipeline.copyInResponse(copyFormat(body));
            case 'R', 'K', 'v', '1', '2', '3', 'n', 's', 't', 'T', 'I', 'H', 'c' -> {
                ExchangeMessageHandler head = inflight.peek();
                if (head != null) {
                    dispatchToHead(head, body);
                } else if (type == 'R' || type == 'v') {
                    pipeline.unexpected(type, body);
                }
            }
            default -> pipeline.unexpected(type, body);
        }
    }

    private void dispatchToHead(ExchangeMessageHandler head, ByteBuf body) {
        switch (type) {
            case 'R' -> head.authentication(body.readInt(), body);
            case 'K' -> {
                int pid = body.readInt();
                int keyLength = body.readableBytes();
                if (keyLength < MIN_CANCEL_KEY_LENGTH || keyLength > MAX_CANCEL_KEY_LENGTH) {
                    throw new CorruptedFrameException("BackendKeyData with a cancel key of " + keyLength
                            + " bytes (the protocol allows " + MIN_CANCEL_KEY_LENGTH + " to " + MAX_CANCEL_KEY_LENGTH + ")");
                }
                byte[] key = new byte[keyLength];
                body.readBytes(key);
                head.backendKeyData(pid, key);
            }
            case 'v' -> {
                int version = body.readInt();
                int n = body.readInt();
                List<String> unsupported = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    unsupported.add(cstring(body));
                }
                head.negotiateProtocolVersion(version, unsupported);
            }
            case '1' -> head.parseComplete();
            case '2' -> head.bindComplete();
            case '3' -> head.closeComplete();
            case 'n' -> head.noData();
            case 's' -> head.portalSuspended();
            case 't' -> {
                int n = body.readUnsignedShort();
                int[] oids = new int[n];
                for (int i = 0; i < n; i++) {
                    oids[i] = body.readInt();
                }
                head.parameterDescription(oids);
            }
            case 'T' -> rowDescription(head, body);
            case 'I' -> head.emptyQueryResponse();
            case 'H' -> head.copyOutResponse(copyFormat(body));
            case 'c' -> head.copyDone();
            default -> throw new IllegalStateException("not a message for an exchange: " + type);
        }
    }

    /** CopyIn/CopyOutResponse: the overall format (0 text, 1 binary); per-column formats follow and are implied. */
    private static boolean copyFormat(ByteBuf body) {
        return body.readByte() != 0;
    }

    private static void rowDescription(ExchangeMessageHandler head, ByteBuf body) {
        int n = body.readUnsignedShort();
        String[] names = new String[n];
        int[] oids = new int[n];
        for (int i = 0; i < n; i++) {
            names[i] = cstring(body);
            // table oid (4), column attribute number (2), then the type oid; size, modifier, format follow.
            body.skipBytes(6);
            oids[i] = body.readInt();
            body.skipBytes(8);
        }
        head.rowDescription(names, oids);
    }

    /** Error and notice fields (55.8): a code byte, a string, repeated, ended by a zero byte. */
    static Map<Character, String> fields(ByteBuf body) {
        Map<Character, String> fields = new HashMap<>();
        byte code;
        while (body.isReadable() && (code = body.readByte()) != 0) {
            fields.put((char) code, cstring(body));
        }
        return fields;
    }

    static String cstring(ByteBuf buf) {
        int start = buf.readerIndex();
        int nul = buf.indexOf(start, buf.writerIndex(), (byte) 0);
        if (nul < 0) {
            throw new CorruptedFrameException("unterminated string in backend message");
        }
        String s = buf.toString(start, nul - start, StandardCharsets.UTF_8);
        buf.readerIndex(nul + 1);
        return s;
    }
}
