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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an HTTP connection into a WebSocket (RFC 6455) when a GET with {@code Upgrade: websocket}
 * targets a WebSocket route: Netty's handshaker answers 101 and swaps the HTTP codec for the frame
 * codec (frames over {@code maxFrameSize} close the connection with 1009); the HTTP-only handlers
 * (request timeout, multipart, idle timeout) leave the pipeline, and a {@link WebSocketSession}
 * takes the frames. Before that, the app's middleware screens the handshake ({@link Gate}): a
 * middleware answering it refuses the upgrade. The endpoint's subprotocols are negotiated as RFC 6455
 * §4.2.2 says: the first one the client offers that the endpoint speaks is echoed in
 * {@code Sec-WebSocket-Protocol}; with none in common the header is left out. A handshake behind
 * pipelined requests waits for their responses ({@link Turns}), so its answer never overtakes them.
 * Any other request passes on to the HTTP handlers. Loop only.
 */
public final class WebSocketUpgrader extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(WebSocketUpgrader.class);
    private static final List<String> HTTP_ONLY = List.of("continue", "empty-bodies", "multipart");

    /**
     * Runs a handshake once the responses to the connection's earlier pipelined requests are out
     * (its 101 or refusal must not overtake them). Loop.
     */
    @FunctionalInterface
    public interface Turns {
        /** Runs {@code write} in turn, or {@code drop} if the connection closes first. */
        void inTurn(Runnable write, Runnable drop);
    }

    /** Screens a handshake request with the app's middleware before the upgrade. Loop. */
    @FunctionalInterface
    public interface Gate {
        /**
         * Whether the upgrade may go ahead; when not, the gate has answered the request itself.
         * {@code request} stays owned (and released) by the caller.
         */
        boolean admit(ChannelHandlerContext ctx, FullHttpRequest request, String path, String rawQuery);
    }

    private final WebSocketRoutes routes;
    private final int maxFrameSize;
    private final Consumer<Runnable> upgraded;
    private final Shard shard;
    private final Gate gate;
    private final Turns turns;
    private final Duration closeTimeout;

    /**
     * {@code upgraded} receives, once the handshake request is taken, the task that closes the
     * connection with 1001 (Going Away) when the server stops; it also stops the connection's request
     * timer (the handshake request is complete and nothing else will stop it).
     */
    public WebSocketUpgrader(WebSocketRoutes routes, int maxFrameSize, Consumer<Runnable> upgraded, Shard shard,
                             Gate gate, Turns turns, Duration closeTimeout) {
        this.turns = turns;
        this.closeTimeout = closeTimeout;
        this.routes = routes;
        this.maxFrameSize = maxFrameSize;
        this.upgraded = upgraded;
        this.shard = shard;
        this.gate = gate;
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
        // Nothing more is read until the handshake is answered: a client sends no frame before its 101.
        ctx.channel().config().setAutoRead(false);
        turns.inTurn(() -> {
            try {
                String rawQuery = q < 0 ? "" : uri.substring(q + 1);
                if (gate.admit(ctx, request, path, rawQuery)) {
                    upgrade(ctx, request, path, rawQuery, match);
                }
            } finally {
                request.release();
                ctx.channel().config().setAutoRead(true);
            }
        }, request::release);
    }

    private static boolean isUpgrade(FullHttpRequest r) {
        return r.method() == HttpMethod.GET && r.decoderResult().isSuccess()
                && r.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, String path, String rawQuery,
                         RouteTrie.Match<WebSocketRoutes.Route> match) {
        String location = "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + request.uri();
        WebSocketRoutes.Route route = match.value();
        // Offers may come in several header lines (RFC 6455 §11.3.4); Netty's handshaker reads the first.
        List<String> offered = request.headers().getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        if (offered.size() > 1) {
            request.headers().set(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL, String.join(",", offered));
        }
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(location, route.subprotocols(),
                false, maxFrameSize).newHandshaker(request);
        if (handshaker == null) {
            upgraded.accept(ctx.channel()::close);
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
        WebSocketSession session = new WebSocketSession(ctx.channel(), shard, route.handler(), path, route.variables(),
                match.variables(), query, headers, closeTimeout);
        upgraded.accept(session::goAway);
        p.addAfter(ctx.name(), "ws-session", session);
        p.addAfter(ctx.name(), "ws-aggregator", new WebSocketFrameAggregator(maxFrameSize));
        handshaker.handshake(ctx.channel(), request).addListener(f -> {
            if (f.isSuccess()) {
                session.opened(handshaker.selectedSubprotocol());
            } else {
                log.info("WebSocket handshake for {} from {} failed: {}", path, ctx.channel().remoteAddress(),
                        String.valueOf(f.cause()));
                ctx.channel().close();
            }
        });
        p.remove(this);
    }
}
