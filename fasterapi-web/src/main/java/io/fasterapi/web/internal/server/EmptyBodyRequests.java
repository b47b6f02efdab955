package io.fasterapi.web.internal.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.buffer.Unpooled;

/**
 * Joins a request head and the empty last content that follows it (a GET, a bodiless POST) into one
 * {@code FullHttpRequest} with no body, ahead of the aggregator, which would otherwise give each such
 * request a composite buffer (and a leak-detector record): that showed in the plaintext profile.
 * Requests that announce a body ({@code Content-Length} or chunked) pass on to the aggregator at once
 * and untouched. Loop only.
 */
final class EmptyBodyRequests extends ChannelInboundHandlerAdapter {
    private HttpRequest held;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (held == null) {
            if (msg instanceof HttpRequest r && !(msg instanceof FullHttpMessage) && r.decoderResult().isSuccess()
                    && !announcesBody(r)) {
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

    // A body is coming: the aggregator must see the head at once (to answer 413 before the body arrives).
    private static boolean announcesBody(HttpRequest r) {
        return HttpUtil.isTransferEncodingChunked(r) || HttpUtil.getContentLength(r, 0L) > 0;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        held = null; // a head holds no buffer
        super.channelInactive(ctx);
    }
}
