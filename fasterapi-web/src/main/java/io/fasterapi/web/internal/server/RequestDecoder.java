package io.fasterapi.web.internal.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ByteProcessor;
import io.netty.util.ReferenceCountUtil;
import java.util.List;

/**
 * Netty's request decoder, telling whether a request is partly received ({@link #messageOpen()}), so
 * that the connection can time out a client that trickles one (the request timeout) without a timer
 * per read: the previous per-read schedule/cancel showed in the profile.
 *
 * <p>It also rejects two things Netty accepts, by one pass over the bytes of each request head that
 * Netty consumed (whole lines: Netty's header parser never consumes part of one), with no allocation:
 * <ul>
 * <li>obs-fold, a header line starting with SP or HTAB: RFC 9112 §5.2 lets a server reject it with
 * 400 or unfold it; Netty unfolds, and a proxy in front that does not is a smuggling vector;</li>
 * <li>bytes above 0x7F in the request line: RFC 9112 §3.2 makes the request-target ASCII (non-ASCII
 * is percent-encoded); Netty reads them as Latin-1, and the path would not match what the client
 * meant;</li>
 * <li>a missing {@code Host} header in HTTP/1.1, or more than one {@code Host} header (RFC 9112 §3.2):
 * checked on the request Netty emitted, since it does not check either.</li>
 * </ul>
 * Either turns the request into a failed one (400, connection closed) and the rest of the
 * connection's input is discarded, as Netty does for the requests it rejects itself. The other
 * smuggling defences are Netty's: differing {@code Content-Length}s, {@code Content-Length} with
 * {@code Transfer-Encoding}, a {@code Transfer-Encoding} not ending in {@code chunked}, whitespace
 * before a colon, all 400 (RFC 9112 §6.1, §6.3, §5.1; {@code BadHttpInputTest}). Loop only.
 */
final class RequestDecoder extends HttpRequestDecoder implements ByteProcessor {
    private boolean messageOpen;
    // The head scan: whether bytes still belong to a head, and where in it.
    private boolean inHead = true;
    private boolean requestLineSeen;
    private boolean lineStart = true;
    private int lineLength;
    private String rejection; // why the current request is refused, or null
    private boolean discarding;
    private long discarded; // bytes dropped since discarding began

    RequestDecoder(HttpDecoderConfig config) {
        super(config);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (discarding) {
            discarded += in.readableBytes();
            in.skipBytes(in.readableBytes());
            return;
        }
        int readerBefore = in.readerIndex();
        int readableBefore = in.readableBytes();
        int emittedBefore = out.size();
        super.decode(ctx, in, out);
        if (inHead && in.readerIndex() > readerBefore) {
            in.forEachByte(readerBefore, in.readerIndex() - readerBefore, this);
        }
        if (rejection == null) {
            rejection = hostProblem(out, emittedBefore);
        }
        if (rejection != null && reject(in, out, emittedBefore)) {
            return;
        }
        if (out.size() > emittedBefore) {
            Object last = out.get(out.size() - 1);
            boolean complete = last instanceof LastHttpContent || last instanceof FullHttpMessage;
            messageOpen = !complete && (last instanceof HttpMessage || messageOpen);
            if (complete) {
                startHead();
            }
        }
        if (in.isReadable() || (out.size() == emittedBefore && in.readableBytes() < readableBefore)) {
            messageOpen = true; // bytes held or consumed (a partial line) without a complete message
        }
    }

    /**
     * What is wrong with the {@code Host} headers of a request emitted from {@code from} on, or null:
     * RFC 9112 §3.2 makes a server answer 400 to an HTTP/1.1 request without one and to any request
     * with more than one (h11, under uvicorn, refuses both the same way). HTTP/1.0 may omit it.
     */
    private static String hostProblem(List<Object> out, int from) {
        for (int i = from; i < out.size(); i++) {
            if (out.get(i) instanceof HttpRequest request && request.decoderResult().isSuccess()) {
                int hosts = request.headers().getAll(HttpHeaderNames.HOST).size();
                if (hosts > 1) {
                    return "more than one Host header";
                }
                if (hosts == 0 && request.protocolVersion() == HttpVersion.HTTP_1_1) {
                    return "HTTP/1.1 request without a Host header";
                }
            }
        }
        return null;
    }

    /** Fails the request once Netty has emitted it; drops what follows it. Whether it did. */
    private boolean reject(ByteBuf in, List<Object> out, int emittedBefore) {
        for (int i = emittedBefore; i < out.size(); i++) {
            if (out.get(i) instanceof HttpMessage message) {
                message.setDecoderResult(DecoderResult.failure(new IllegalArgumentException(rejection)));
                while (out.size() > i + 1) {
                    ReferenceCountUtil.release(out.remove(out.size() - 1));
                }
                in.skipBytes(in.readableBytes());
                discarding = true;
                messageOpen = false;
                return true;
            }
        }
        return false; // the head is not complete yet: failed when it is
    }

    private void startHead() {
        inHead = true;
        requestLineSeen = false;
        lineStart = true;
        lineLength = 0;
    }

    /** One byte of a head Netty consumed; false ends the scan (end of head, or a rejection). */
    @Override
    public boolean process(byte b) {
        if (b == '\n') {
            if (lineLength == 0 && requestLineSeen) {
                inHead = false; // the empty line: what follows is the body
                return false;
            }
            requestLineSeen |= lineLength > 0;
            lineStart = true;
            lineLength = 0;
            return true;
        }
        if (b == '\r') {
            return true;
        }
        if (requestLineSeen) {
            if (lineStart && (b == ' ' || b == '\t')) {
                rejection = "obs-fold (a header line starting with whitespace)";
                inHead = false;
                return false;
            }
        } else if (b < 0) {
            rejection = "non-ASCII byte in the request line";
            inHead = false;
            return false;
        }
        lineStart = false;
        lineLength++;
        return true;
    }

    /** Drops every byte from now on: the connection will only close. */
    void discardEverything() {
        discarding = true;
        messageOpen = false;
    }

    /** Bytes dropped since the decoder began discarding. */
    long discarded() {
        return discarded;
    }

    /** Whether bytes of a request arrived whose end has not: the request timeout runs meanwhile. */
    boolean messageOpen() {
        return messageOpen;
    }
}
