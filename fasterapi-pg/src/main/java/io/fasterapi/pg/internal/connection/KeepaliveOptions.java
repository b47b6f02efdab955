package io.fasterapi.pg.internal.connection;

import io.fasterapi.pg.internal.config.TcpKeepalives;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import jdk.net.ExtendedSocketOptions;

/**
 * Sets a session socket's keepalive options ({@link TcpKeepalives}) on its bootstrap, in the
 * transport's own terms: Netty's epoll options on the native transport; on NIO the JDK's extended
 * socket options, which have TCP_KEEPIDLE, TCP_KEEPINTERVAL and TCP_KEEPCOUNT but no
 * TCP_USER_TIMEOUT, so {@code tcp_user_timeout} takes effect on epoll only (Linux, where the driver
 * runs native by default). A zero setting is left at the system's value, as libpq leaves an absent key.
 */
final class KeepaliveOptions {
    private KeepaliveOptions() {
    }

    static void apply(Bootstrap b, TcpKeepalives k, Class<? extends Channel> channelClass) {
        b.option(ChannelOption.SO_KEEPALIVE, k.enabled());
        boolean epoll = EpollSocketChannel.class.isAssignableFrom(channelClass);
        if (k.enabled()) {
            if (k.idleSeconds() > 0) {
                if (epoll) {
                    b.option(EpollChannelOption.TCP_KEEPIDLE, k.idleSeconds());
                } else {
                    b.option(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE), k.idleSeconds());
                }
            }
            if (k.intervalSeconds() > 0) {
                if (epoll) {
                    b.option(EpollChannelOption.TCP_KEEPINTVL, k.intervalSeconds());
                } else {
                    b.option(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL), k.intervalSeconds());
                }
            }
            if (k.count() > 0) {
                if (epoll) {
                    b.option(EpollChannelOption.TCP_KEEPCNT, k.count());
                } else {
                    b.option(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT), k.count());
                }
            }
        }
        if (k.userTimeoutMillis() > 0 && epoll) {
            b.option(EpollChannelOption.TCP_USER_TIMEOUT, k.userTimeoutMillis());
        }
    }
}
