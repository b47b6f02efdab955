package io.fasterapi.pg.internal.connection;

import io.fasterapi.core.Shard;
import io.fasterapi.pg.PgConnectionException;
import io.fasterapi.pg.internal.config.ConnectionConfig;
import io.fasterapi.pg.internal.config.HostPort;
import io.fasterapi.pg.internal.protocol.FrontendMessages;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a CancelRequest (55.2.8) on a fresh connection to the same server. The server reads it,
 * signals the backend and closes the socket without replying; {@code onDone} runs on the shard's
 * loop once the socket is closed (or failed to open), so the caller knows the signal went out.
 *
 * <p>When the session itself runs over TLS, so does the cancel, negotiated the same way (an
 * SSLRequest answered 'S', or a direct handshake) with the same context, as libpq does: the
 * secret key never crosses the network in clear when the session's data does not, and a front
 * that only lets TLS through (a proxy, a firewall rule) passes the cancel too. A direct handshake is
 * checked as the session's is ({@link TlsContexts#alpnRefusal}): the key goes only to a server that
 * selected ALPN {@code postgresql}. Runs on the shard's event loop.
 */
final class CancelSender {
    private static final Logger log = LoggerFactory.getLogger(CancelSender.class);
    private static final Duration GIVE_UP = Duration.ofSeconds(5);

    private CancelSender() {
    }

    /**
     * @param tls    the session's TLS context, or null when the session is in clear
     * @param direct whether the session negotiated TLS directly (no SSLRequest)
     */
    static void send(Shard shard, ConnectionConfig config, HostPort host, SslContext tls, boolean direct,
            int processId, byte[] secretKey, Runnable onDone) {
        boolean[] done = new boolean[1];
        Runnable finish = () -> {
            if (!done[0]) {
                done[0] = true;
                onDone.run();
            }
        };
        Bootstrap b = new Bootstrap()
                .group(shard.eventLoop())
                .channelFactory(shard.reactor().socketChannelFactory())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(config.connectTimeout().toMillis(), 5000))
                .handler(new CancelHandler(host, tls, direct, processId, secretKey, finish));
        ChannelFuture f = b.connect(host.host(), host.port());
        f.addListener(cf -> {
            if (!cf.isSuccess()) {
                log.debug("cancel connection to {} failed: {}", host, cf.cause().toString());
                finish.run();
            }
        });
        shard.schedule(GIVE_UP, () -> {
            f.channel().close();
            finish.run();
        });
    }

    /** The side connection's one handler: optional TLS negotiation, then the CancelRequest. */
    private static final class CancelHandler extends ChannelInboundHandlerAdapter {
        private final HostPort host;
        private final SslContext tls;
        private final boolean direct;
        private final int processId;
        private final byte[] secretKey;
        private final Runnable finish;
        private boolean awaitingSslAnswer;

        CancelHandler(HostPort host, SslContext tls, boolean direct, int processId, byte[] secretKey, Runnable finish) {
            this.host = host;
            this.tls = tls;
            this.direct = direct;
            this.processId = processId;
            this.secretKey = secretKey;
            this.finish = finish;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (tls == null) {
                sendCancel(ctx);
            } else if (direct) {
                startTls(ctx);
            } else {
                awaitingSslAnswer = true;
                ByteBuf req = ctx.alloc().ioBuffer(8);
                FrontendMessages.sslRequest(req);
                ctx.writeAndFlush(req);
            }
        }

        private void startTls(ChannelHandlerContext ctx) {
            SslHandler handler = tls.newHandler(ctx.alloc(), host.host(), host.port());
            ctx.pipeline().addFirst("tls", handler);
            handler.handshakeFuture().addListener(f -> {
                if (!f.isSuccess()) {
                    log.debug("TLS handshake of the cancel connection to {} failed: {}", host, f.cause().toString());
                    ctx.close();
                    return;
                }
                PgConnectionException refused = direct ? TlsContexts.alpnRefusal(handler, host) : null;
                if (refused != null) {
                    // Warn, unlike the failures above: the session's own server selected "postgresql" on this
                    // address, so another endpoint answered, and the statement runs on without its cancel.
                    log.warn("cancel request not sent: {}", refused.getMessage());
                    ctx.close();
                } else {
                    sendCancel(ctx);
                }
            });
        }

        private void sendCancel(ChannelHandlerContext ctx) {
            ByteBuf msg = ctx.alloc().ioBuffer(16 + secretKey.length);
            FrontendMessages.cancelRequest(msg, processId, secretKey);
            ctx.writeAndFlush(msg);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (awaitingSslAnswer && msg instanceof ByteBuf buf && buf.isReadable()) {
                    awaitingSslAnswer = false;
                    byte answer = buf.readByte();
                    // As on the session: bytes before the handshake could be a man in the middle's (CVE-2021-23222).
                    if (answer == 'S' && !buf.isReadable()) {
                        startTls(ctx);
                    } else {
                        log.debug("cancel connection to {}: SSLRequest answered '{}', not sending the key in clear",
                                host, (char) answer);
                        ctx.close();
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            finish.run();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
