package io.fasterapi.web.internal.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;

/**
 * Answers {@code Expect: 100-continue} (RFC 9110 §10.1.1) before the body is sent: 100 when the
 * announced body fits {@code maxBodySize}, else 413 and the connection closes (the client then does
 * not send the body). Both go out through the connection in turn, after the responses to earlier
 * pipelined requests. Loop only.
 */
final class ContinueHandler extends ChannelInboundHandlerAdapter {
    private final long maxBodySize;
    private final HttpConnection connection;

    ContinueHandler(long maxBodySize, HttpConnection connection) {
        this.maxBodySize = maxBodySize;
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request && HttpUtil.is100ContinueExpected(request)) {
            if (HttpUtil.getContentLength(request, -1L) > maxBodySize) {
                connection.refuseInTurn(request);
                ReferenceCountUtil.release(msg);
                return;
            }
            request.headers().remove(HttpHeaderNames.EXPECT);
            connection.continueInTurn();
        }
        ctx.fireChannelRead(msg);
    }
}
