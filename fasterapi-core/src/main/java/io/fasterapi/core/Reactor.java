package io.fasterapi.core;

import io.fasterapi.core.internal.JfrEventsDefault;
import io.fasterapi.core.internal.LeakDetectionDefault;
import io.fasterapi.core.internal.LoopCarriedThreads;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * N event loops, one per core by default, each a {@link Shard}. The web server and the PostgreSQL
 * pool share one reactor, so a request and its queries stay on one core.
 *
 * {@snippet :
 * try (Reactor reactor = Reactor.create()) {
 *     Future<String> f = reactor.shard(0).submit(() -> "on " + Shard.current());
 *     System.out.println(f.await());
 * }
 * }
 *
 * <p>Runs on Netty's native epoll transport where it loads, else NIO; {@link #transport()} says
 * which. Epoll wants the JVM flag {@code --enable-native-access=ALL-UNNAMED} on Java 24+.
 *
 * <p>Netty's buffer leak detector is off unless {@code -Dio.netty.leakDetection.level} is given
 * (it costs a few percent of the CPU per request in its default sampling mode); set it to
 * {@code paranoid} while hunting a leak. Netty's flight-recorder events for its buffer allocator are
 * off unless {@code -Dio.netty.jfr.enabled=true} is given (registering them costs the first connection
 * about 40 ms of CPU, whether or not a recording runs).
 */
public final class Reactor implements LongLived {
    private static final Logger log = LoggerFactory.getLogger(Reactor.class);
    private static final AtomicInteger REACTOR_IDS = new AtomicInteger();

    private final MultiThreadIoEventLoopGroup group;
    private final List<Shard> shards;
    private final Transport transport;
    private final VirtualThreads virtualThreads;
    private final AtomicInteger roundRobin = new AtomicInteger();

    static {
        JfrEventsDefault.apply(); // first: Netty reads it when it first initialises
        LeakDetectionDefault.apply();
    }

    private Reactor(Builder b) {
        this.transport = b.transport != null ? b.transport : (Epoll.isAvailable() ? Transport.EPOLL : Transport.NIO);
        if (b.transport == Transport.EPOLL && !Epoll.isAvailable()) {
            throw new IllegalStateException("epoll transport requested but unavailable", Epoll.unavailabilityCause());
        }
        if (b.transport == null && transport == Transport.NIO) {
            log.info("native epoll unavailable ({}); using NIO", String.valueOf(Epoll.unavailabilityCause()));
        }
        IoHandlerFactory io = transport == Transport.EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        String prefix = b.name + "-" + REACTOR_IDS.incrementAndGet() + "-";
        AtomicInteger threadIds = new AtomicInteger();
        ThreadFactory threads = task -> new ShardThread(task, prefix + threadIds.getAndIncrement());
        this.virtualThreads = chooseVirtualThreads(b.virtualThreads);
        this.group = new MultiThreadIoEventLoopGroup(b.threads, threads, io);
        List<Shard> list = new ArrayList<>(b.threads);
        for (EventExecutor e : group) {
            list.add(new Shard(list.size(), this, (EventLoop) e, virtualThreads));
        }
        this.shards = List.copyOf(list);
        // Start every loop now and bind its thread to its shard, so Shard.current() works from the first task.
        List<io.netty.util.concurrent.Future<?>> started = new ArrayList<>();
        for (Shard s : shards) {
            started.add(s.eventLoop().submit(() -> {
                ShardThread t = (ShardThread) Thread.currentThread();
                t.shard = s;
                s.bindThread(t);
            }));
        }
        for (io.netty.util.concurrent.Future<?> f : started) {
            f.syncUninterruptibly();
        }
    }

    /**
     * The builder's choice, else the system property's, else LOOP on JDK 24+ (JDK before); LOOP
     * falls back to JDK, with one warning per JVM, where the JDK does not let us set a scheduler.
     */
    private static VirtualThreads chooseVirtualThreads(VirtualThreads asked) {
        VirtualThreads wanted = asked != null ? asked : VirtualThreads.fromProperty();
        if (wanted == VirtualThreads.LOOP && !LoopCarriedThreads.available()) {
            if (FALLBACK_LOGGED.compareAndSet(false, true)) {
                log.warn("virtual threads run on the JDK's scheduler, not on the event loops (slower blocking handlers):"
                        + " start the JVM with --add-opens java.base/java.lang=ALL-UNNAMED, or set -D{}=jdk to silence"
                        + " this ({})", VirtualThreads.PROPERTY, LoopCarriedThreads.unavailableReason());
            }
            return VirtualThreads.JDK;
        }
        return wanted;
    }

    private static final java.util.concurrent.atomic.AtomicBoolean FALLBACK_LOGGED = new java.util.concurrent.atomic.AtomicBoolean();

    /** A reactor with one event loop per available processor. */
    public static Reactor create() {
        return builder().build();
    }

    /** A builder to set the number of loops, the transport and the thread names. */
    public static Builder builder() {
        return new Builder();
    }

    /** The number of shards. */
    public int size() {
        return shards.size();
    }

    /** Shard {@code index}, from 0 to {@code size() - 1}. */
    public Shard shard(int index) {
        return shards.get(index);
    }

    /** All shards, in index order. */
    public List<Shard> shards() {
        return shards;
    }

    /**
     * The shard for a caller with no affinity: the current or affine shard if it is one of ours,
     * else the next one round-robin. Any thread.
     */
    public Shard next() {
        Shard s = Shard.affine();
        if (s != null && s.reactor() == this) {
            return s;
        }
        return shards.get(Math.floorMod(roundRobin.getAndIncrement(), shards.size()));
    }

    /** Where the shards' virtual threads run: on the loops ({@link VirtualThreads#LOOP}) or on the JDK's scheduler. */
    public VirtualThreads virtualThreads() {
        return virtualThreads;
    }

    /** The transport in use. */
    public Transport transport() {
        return transport;
    }

    /** The Netty event loop group behind the shards, for integrations (servers, clients). */
    public MultiThreadIoEventLoopGroup eventLoopGroup() {
        return group;
    }

    /** The client socket channel class matching {@link #transport()}. */
    public Class<? extends Channel> socketChannelClass() {
        return transport == Transport.EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** The server socket channel class matching {@link #transport()}. */
    public Class<? extends ServerChannel> serverChannelClass() {
        return transport == Transport.EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /**
     * Creates the client socket channels of {@link #transport()}, for {@code Bootstrap.channelFactory}: a
     * constructor reference, where {@code Bootstrap.channel(Class)} would reach the constructor by
     * reflection (whose first call costs the first connection milliseconds of a start).
     */
    public ChannelFactory<? extends Channel> socketChannelFactory() {
        return transport == Transport.EPOLL ? EpollSocketChannel::new : NioSocketChannel::new;
    }

    /** Creates the server socket channels of {@link #transport()}, as {@link #socketChannelFactory()}. */
    public ChannelFactory<? extends ServerChannel> serverChannelFactory() {
        return transport == Transport.EPOLL ? EpollServerSocketChannel::new : NioServerSocketChannel::new;
    }

    /** True once {@link #shutdown} or {@link #close} began. */
    public boolean isShuttingDown() {
        return group.isShuttingDown();
    }

    /**
     * Stops the loops: tasks already queued run, new ones are rejected, and the loops end once idle
     * for {@code quietPeriod} or at {@code timeout} at the latest. The future completes (owned by no
     * shard) when every loop has ended. Any thread.
     */
    public Future<Void> shutdown(Duration quietPeriod, Duration timeout) {
        Promise<Void> done = new Promise<>((Shard) null);
        group.shutdownGracefully(quietPeriod.toMillis(), timeout.toMillis(), TimeUnit.MILLISECONDS)
                .addListener(f -> {
                    if (f.isSuccess()) {
                        done.complete(null);
                    } else {
                        done.fail(f.cause());
                    }
                });
        return done;
    }

    /** Shuts down with no quiet period and waits up to 10 seconds for the loops to end. Not on a loop. */
    @Override
    public void close() {
        Shard.checkMayBlock("Reactor.close()");
        shutdown(Duration.ZERO, Duration.ofSeconds(10)).await();
    }

    @Override
    public String toString() {
        return "Reactor[" + shards.size() + " shards, " + transport + "]";
    }

    /** Configures a {@link Reactor}; validated by {@link #build()}. */
    public static final class Builder {
        private int threads = Runtime.getRuntime().availableProcessors();
        private Transport transport;
        private String name = "fasterapi";
        private VirtualThreads virtualThreads;

        private Builder() {
        }

        /** Number of event loops (shards); default: available processors. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Forces a transport; by default epoll where it loads, else NIO. */
        public Builder transport(Transport transport) {
            this.transport = transport;
            return this;
        }

        /** Prefix of the loop threads' names; default {@code fasterapi}. */
        public Builder name(String name) {
            this.name = java.util.Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Where the shards' virtual threads run; by default the system property
         * {@value VirtualThreads#PROPERTY} ({@code loop} or {@code jdk}), else {@link VirtualThreads#LOOP} on
         * JDK 24+ and {@link VirtualThreads#JDK} before (see {@link VirtualThreads}).
         * LOOP falls back to JDK, logging one warning, when the JVM lacks
         * {@code --add-opens java.base/java.lang=ALL-UNNAMED}.
         */
        public Builder virtualThreads(VirtualThreads virtualThreads) {
            this.virtualThreads = java.util.Objects.requireNonNull(virtualThreads, "virtualThreads");
            return this;
        }

        /** Starts the loops and returns the reactor. */
        public Reactor build() {
            return new Reactor(this);
        }
    }
}
