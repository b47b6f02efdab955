package io.fasterapi.web.internal.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.buffer.Unpooled;

/**
 * Joins a request head and the empty last content that follows it (a GET, a bodiless POST) into one
 * {@code FullHttpRequest} with no body, ahead of the aggregator, which would otherwise give each such
 * request a composite buffer (and a leak-detector record): that showed in the plaintext profile.
 * Requests with a body pass on to the aggregator untouched. Loop only.
 */
final class EmptyBodyRequests extends ChannelInboundHandlerAdapter {
    private HttpRequest held;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (held == null) {
            if (msg instanceof HttpRequest r && !(msg instanceof FullHttpMessage) && r.decoderResult().isSuccess()) {
                held = r;
                return;
            }
            ctx.fireChannelRead(msg);
            return;
        }
        HttpRequest request = held;
        held = null;
        if (msg instanceof LastHttpContent last && !last.content().isReadable() && last.trailingHeaders().isEmpty()
                && last.decoderResult().isSuccess()) {
            last.release();
            ctx.fireChannelRead(new DefaultFullHttpRequest(request.protocolVersion(), request.method(),
                    request.uri(), Unpooled.EMPTY_BUFFER, request.headers(), EmptyHttpHeaders.INSTANCE));
            return;
        }
        ctx.fireChannelRead(request);
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        held = null; // a head holds no buffer
        super.channelInactive(ctx);
    }
}
