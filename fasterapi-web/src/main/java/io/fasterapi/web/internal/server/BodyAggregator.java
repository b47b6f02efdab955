package io.fasterapi.web.internal.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Netty's aggregator, whose 413 for a body over {@code maxBodySize} goes out through the connection
 * in turn (after the responses to earlier pipelined requests) instead of straight to the socket, and
 * always closes the connection: a {@code Content-Length} past the limit is refused as soon as the
 * head arrives, without reading the body (Netty's own choice, for a keep-alive request, is to read
 * and drop the whole body to keep the connection: a gigabyte announced is a gigabyte read), and a
 * chunked body is refused once it grows past the limit. Loop only.
 */
final class BodyAggregator extends HttpObjectAggregator {
    private final HttpConnection connection;

    BodyAggregator(int maxBodySize, HttpConnection connection) {
        super(maxBodySize, true);
        this.connection = connection;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        connection.refuseInTurn((HttpRequest) oversized);
    }
}
