package io.fasterapi.web.internal.server;

import io.fasterapi.core.Reactor;
import io.fasterapi.core.Transport;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The thread that accepts connections and hands each to a shard's loop (round-robin), as Vert.x's
 * acceptor does. Why not accept on a shard: profiled under wrk (256 connections pipelining 16 deep),
 * a loop busy with its connections accepted only 16 sockets per pass over its ready channels, so
 * new connections waited seconds in the listen queue (121 still queued 2 s into a run) and wrk
 * counted them as timeouts. This thread does nothing else, so accepting never waits for requests.
 */
final class Acceptor {
    private final MultiThreadIoEventLoopGroup group;

    Acceptor(Reactor reactor) {
        ThreadFactory named = task -> {
            Thread t = new Thread(task, "fasterapi-acceptor");
            t.setDaemon(true);
            return t;
        };
        this.group = new MultiThreadIoEventLoopGroup(1, named,
                reactor.transport() == Transport.EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    EventLoopGroup group() {
        return group;
    }

    /** Stops the thread once the server channel is closed. */
    void shutdown() {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS);
    }
}
