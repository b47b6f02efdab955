package io.fasterapi.web.internal.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Netty's aggregator, whose 413 for a body over {@code maxBodySize} goes out through the connection
 * in turn (after the responses to earlier pipelined requests) instead of straight to the socket. As
 * Netty decides: the connection closes after it when the body was partly received or the request is
 * not keep-alive; otherwise the body is skipped and the connection serves on. Loop only.
 */
final class BodyAggregator extends HttpObjectAggregator {
    private final HttpConnection connection;

    BodyAggregator(int maxBodySize, HttpConnection connection) {
        super(maxBodySize, true);
        this.connection = connection;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        boolean close = oversized instanceof FullHttpMessage
                || !HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized);
        connection.refuseInTurn(EarlyRefusals.tooLarge(ctx.alloc(), close), close);
    }
}
