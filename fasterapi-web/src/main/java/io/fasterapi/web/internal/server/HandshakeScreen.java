package io.fasterapi.web.internal.server;

import io.fasterapi.web.internal.request.RequestContext;
import io.fasterapi.web.internal.websocket.WebSocketUpgrader;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import java.net.InetSocketAddress;

/**
 * The app's middleware in front of WebSocket handshakes: each {@code before} sees the handshake
 * request as any other; one answering it refuses the upgrade, and that answer (after every
 * {@code after}) is written with {@code Connection: close}, as a client that did not get its 101 must
 * fail the WebSocket connection anyway (RFC 6455 §4.1). Shared by a server's connections; loop only.
 */
final class HandshakeScreen implements WebSocketUpgrader.Gate {
    private final NettyServer server;
    private final Dispatcher dispatcher;

    HandshakeScreen(NettyServer server, Dispatcher dispatcher) {
        this.server = server;
        this.dispatcher = dispatcher;
    }

    @Override
    public boolean admit(ChannelHandlerContext ctx, FullHttpRequest request, String path, String rawQuery) {
        if (!dispatcher.hasMiddleware()) {
            return true;
        }
        RequestContext rc = new RequestContext(request, path, rawQuery, server.shardOf(ctx.channel().eventLoop()),
                (InetSocketAddress) ctx.channel().remoteAddress(),
                RequestIds.of(request.headers().get(ResponseEncoder.X_REQUEST_ID)), server.app().dependencies(),
                server.jsonBodyReader());
        EncodedResponse refusal = dispatcher.screenHandshake(rc, ctx.alloc());
        if (refusal == null) {
            rc.scope().close(rc.requestId()); // what a middleware acquired through request.dependency()
            return true;
        }
        ByteBuf out = ctx.alloc().directBuffer();
        refusal.writeClosing(out, new HeadBuffer());
        // Below Netty's response encoder, as the connection writes its full responses.
        ctx.pipeline().context(NettyServer.RESPONSE_ENCODER).writeAndFlush(out)
                .addListener(ChannelFutureListener.CLOSE)
                .addListener(f -> rc.scope().close(rc.requestId()));
        return false;
    }
}
