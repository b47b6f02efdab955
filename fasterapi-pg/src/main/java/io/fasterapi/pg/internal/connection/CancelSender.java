package io.fasterapi.pg.internal.connection;

import io.fasterapi.core.Shard;
import io.fasterapi.pg.internal.config.ConnectionConfig;
import io.fasterapi.pg.internal.config.HostPort;
import io.fasterapi.pg.internal.protocol.FrontendMessages;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;

/**
 * Sends a CancelRequest (55.2.8) on a fresh connection to the same server. The server reads it,
 * signals the backend and closes the socket without replying; {@code onDone} runs on the shard's
 * loop once the socket is closed (or failed to open), so the caller knows the signal went out.
 */
final class CancelSender {
    private static final Duration GIVE_UP = Duration.ofSeconds(5);

    private CancelSender() {
    }

    static void send(Shard shard, ConnectionConfig config, HostPort host, int processId, byte[] secretKey, Runnable onDone) {
        boolean[] done = new boolean[1];
        Runnable finish = () -> {
            if (!done[0]) {
                done[0] = true;
                onDone.run();
            }
        };
        Bootstrap b = new Bootstrap()
                .group(shard.eventLoop())
                .channel(shard.reactor().socketChannelClass())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(config.connectTimeout().toMillis(), 5000))
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        ByteBuf msg = ctx.alloc().ioBuffer(16 + secretKey.length);
                        FrontendMessages.cancelRequest(msg, processId, secretKey);
                        ctx.writeAndFlush(msg);
                    }

                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ReferenceCountUtil.release(msg);
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) {
                        finish.run();
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        ctx.close();
                    }
                });
        ChannelFuture f = b.connect(host.host(), host.port());
        f.addListener(cf -> {
            if (!cf.isSuccess()) {
                finish.run();
            }
        });
        shard.schedule(GIVE_UP, () -> {
            f.channel().close();
            finish.run();
        });
    }
}
