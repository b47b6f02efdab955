package io.fasterapi.web.internal.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;

/**
 * Netty's request decoder, telling whether a request is partly received ({@link #messageOpen()}), so
 * that the connection can time out a client that trickles one (the request timeout) without a timer
 * per read: the previous per-read schedule/cancel showed in the profile. Loop only.
 */
final class RequestDecoder extends HttpRequestDecoder {
    private boolean messageOpen;

    RequestDecoder(HttpDecoderConfig config) {
        super(config);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        int readableBefore = in.readableBytes();
        int emittedBefore = out.size();
        super.decode(ctx, in, out);
        if (out.size() > emittedBefore) {
            Object last = out.get(out.size() - 1);
            messageOpen = !(last instanceof LastHttpContent || last instanceof FullHttpMessage)
                    && (last instanceof HttpMessage || messageOpen);
        }
        if (in.isReadable() || (out.size() == emittedBefore && in.readableBytes() < readableBefore)) {
            messageOpen = true; // bytes held or consumed (a partial line) without a complete message
        }
    }

    /** Whether bytes of a request arrived whose end has not: the request timeout runs meanwhile. */
    boolean messageOpen() {
        return messageOpen;
    }
}
