package io.fasterapi.web.internal.websocket;

import io.fasterapi.core.Shard;
import io.fasterapi.web.internal.router.PercentDecoder;
import io.fasterapi.web.internal.router.RouteTrie;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an HTTP connection into a WebSocket (RFC 6455) when a GET with {@code Upgrade: websocket}
 * targets a WebSocket route: Netty's handshaker answers 101 and swaps the HTTP codec for the frame
 * codec (frames over {@code maxFrameSize} close the connection with 1009); the HTTP-only handlers
 * (request timeout, multipart, idle timeout) leave the pipeline, and a {@link WebSocketSession}
 * takes the frames. Any other request passes on to the HTTP handlers. Loop only.
 */
public final class WebSocketUpgrader extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(WebSocketUpgrader.class);
    private static final List<String> HTTP_ONLY = List.of("continue", "empty-bodies", "multipart");

    private final WebSocketRoutes routes;
    private final int maxFrameSize;
    private final Runnable requestComplete;
    private final Shard shard;

    /**
     * {@code requestComplete} stops the connection's request timer (the handshake request is
     * complete and nothing else will stop it).
     */
    public WebSocketUpgrader(WebSocketRoutes routes, int maxFrameSize, Runnable requestComplete, Shard shard) {
        this.routes = routes;
        this.maxFrameSize = maxFrameSize;
        this.requestComplete = requestComplete;
        this.shard = shard;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || !isUpgrade(request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String uri = request.uri();
        int q = uri.indexOf('?');
        String path = PercentDecoder.decodePath(q < 0 ? uri : uri.substring(0, q));
        RouteTrie.Match<WebSocketRoutes.Route> match = routes.find(path);
        if (match == null) {
            ctx.fireChannelRead(msg); // 404 from the HTTP router
            return;
        }
        try {
            upgrade(ctx, request, path, q < 0 ? "" : uri.substring(q + 1), match);
        } finally {
            request.release();
        }
    }

    private static boolean isUpgrade(FullHttpRequest r) {
        return r.method() == HttpMethod.GET && r.decoderResult().isSuccess()
                && r.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, String path, String rawQuery,
                         RouteTrie.Match<WebSocketRoutes.Route> match) {
        requestComplete.run();
        String location = "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + request.uri();
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(location, null, false, maxFrameSize)
                .newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        ChannelPipeline p = ctx.pipeline();
        for (String name : HTTP_ONLY) {
            if (p.get(name) != null) {
                p.remove(name);
            }
        }
        Map<String, List<String>> query = rawQuery.isEmpty() ? Map.of()
                : new QueryStringDecoder(rawQuery, StandardCharsets.UTF_8, false).parameters();
        HttpHeaders headers = new DefaultHttpHeaders().set(request.headers());
        WebSocketRoutes.Route route = match.value();
        WebSocketSession session = new WebSocketSession(ctx.channel(), shard, route.handler(), path, route.variables(),
                match.variables(), query, headers);
        p.addAfter(ctx.name(), "ws-session", session);
        p.addAfter(ctx.name(), "ws-aggregator", new WebSocketFrameAggregator(maxFrameSize));
        handshaker.handshake(ctx.channel(), request).addListener(f -> {
            if (f.isSuccess()) {
                session.opened();
            } else {
                log.info("WebSocket handshake for {} from {} failed: {}", path, ctx.channel().remoteAddress(),
                        String.valueOf(f.cause()));
                ctx.channel().close();
            }
        });
        p.remove(this);
    }
}
