package io.fasterapi.web.internal.server;

import io.fasterapi.core.Reactor;
import io.fasterapi.core.Shard;
import io.fasterapi.web.Server;
import io.fasterapi.web.ServerOptions;
import io.fasterapi.web.internal.form.MultipartSpooler;
import io.fasterapi.web.internal.json.JsonBodyReader;
import io.fasterapi.web.internal.observability.TraceIdSource;
import io.fasterapi.web.internal.request.RequestContext;
import io.fasterapi.web.internal.tracing.RequestSpan;
import io.fasterapi.web.internal.websocket.WebSocketUpgrader;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpResponseEncoder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/1.1 server on a {@link Reactor}'s loops: connections accepted by an {@link Acceptor} and
 * spread over the loops, one pipeline per connection ({@code encoder (streamed responses
 * only) → decoder → streamed bodies (when a route takes its body as a stream) → 100-continue → empty
 * bodies → multipart → aggregator (413) → websocket (when the app has WebSocket routes) → connection};
 * the connection writes full responses as bytes and runs the request and idle timeouts), a connection
 * cap, and graceful stop.
 */
public final class NettyServer implements Server {
    /** The name of Netty's response encoder in each pipeline; full responses are written below it. */
    static final String RESPONSE_ENCODER = "encoder";
    private static final Logger log = LoggerFactory.getLogger(NettyServer.class);

    private final AppRuntime app;
    private final Reactor reactor;
    private final boolean ownsReactor;
    private final Map<EventLoop, Shard> shards = new IdentityHashMap<>();
    private final Set<HttpConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile boolean listenerClosing; // after the drain delay: connections still arriving are refused
    private final CountDownLatch stopDone = new CountDownLatch(1);
    private final Dispatcher dispatcher;
    private final HandshakeScreen handshakeScreen;
    private final Acceptor acceptor;
    private final JsonBodyReader jsonBodyReader;
    private final AccessLog accessLog; // null: off
    private Channel serverChannel;
    private int port;

    /**
     * The trace id of the request's span; of its {@code traceparent} for a request that never had one
     * (a malformed request, answered before dispatch).
     */
    private static final TraceIdSource SPAN_TRACE_ID = request -> {
        RequestSpan span = ((RequestContext) request).span();
        return span != null ? span.traceId() : TraceIdSource.TRACEPARENT.traceId(request);
    };

    private NettyServer(AppRuntime app, Reactor reactor, boolean ownsReactor) {
        this.app = app;
        this.reactor = reactor;
        this.ownsReactor = ownsReactor;
        for (Shard s : reactor.shards()) {
            shards.put(s.eventLoop(), s);
        }
        this.dispatcher = new Dispatcher(app);
        this.handshakeScreen = new HandshakeScreen(this, dispatcher);
        this.acceptor = new Acceptor(reactor);
        this.jsonBodyReader = new JsonBodyReader(app.json(), app.options().maxJsonNestingDepth());
        // Tracing on: the request span's trace id (the client's trace, or the new one the span began).
        this.accessLog = AccessLog.of(app.options(), app.tracer() == null ? TraceIdSource.TRACEPARENT : SPAN_TRACE_ID);
    }

    /** Binds {@code port} (0 picks a free one) and starts serving. Not on an event loop. */
    public static NettyServer start(AppRuntime app, Reactor reactor, boolean ownsReactor, int port) {
        Shard.checkMayBlock("App.start()");
        NettyServer server = new NettyServer(app, reactor, ownsReactor);
        server.bind(port);
        return server;
    }

    private void bind(int requestedPort) {
        ServerOptions o = app.options();
        ServerBootstrap b = new ServerBootstrap()
                .group(acceptor.group(), reactor.eventLoopGroup())
                .channelFactory(reactor.serverChannelFactory())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        initConnection(ch, o);
                    }
                });
        ChannelFuture bound = b.bind(new InetSocketAddress(o.host(), requestedPort));
        await(bound);
        if (!bound.isSuccess()) {
            acceptor.shutdown();
            throw new IllegalStateException("cannot listen on " + url(o.host(), requestedPort) + ": "
                    + bound.cause().getMessage(), bound.cause());
        }
        serverChannel = bound.channel();
        port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        log.info("FasterAPI listening on {} ({} loops, {})", url(o.host(), port), reactor.size(), reactor.transport());
    }

    /** {@code http://host:port}, an IPv6 literal in brackets (RFC 3986 §3.2.2). */
    static String url(String host, int port) {
        return "http://" + (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    private void initConnection(Channel ch, ServerOptions o) {
        if (open.incrementAndGet() > o.maxConnections() || listenerClosing) {
            open.decrementAndGet();
            log.warn("refusing connection from {}: {} connections open (maxConnections)", ch.remoteAddress(),
                    o.maxConnections());
            ch.close();
            return;
        }
        ch.closeFuture().addListener(f -> open.decrementAndGet());
        ChannelPipeline p = ch.pipeline();
        RequestDecoder decoder = new RequestDecoder(new HttpDecoderConfig()
                .setMaxInitialLineLength(o.maxInitialLineLength())
                .setMaxHeaderSize(o.maxHeaderSize())
                .setMaxChunkSize(64 * 1024));
        // The encoder first: a WebSocket handshake puts its frame encoder where this one is, and the
        // frame decoder's own close frames (1009, protocol errors) must pass through it on their way out.
        p.addLast(RESPONSE_ENCODER, new HttpResponseEncoder());
        p.addLast("decoder", decoder);
        HttpConnection connection = new HttpConnection(this, dispatcher, decoder, o);
        if (app.routes().streamsAnyBody()) {
            StreamedBodyRequests streamed = new StreamedBodyRequests(app.routes(), o.maxStreamedBodySize(), connection,
                    app.metrics());
            connection.streamedBodies(streamed);
            p.addLast("streamed-bodies", streamed);
        }
        p.addLast("continue", new ContinueHandler(o.maxBodySize(), connection));
        p.addLast("empty-bodies", new EmptyBodyRequests());
        p.addLast("multipart", new MultipartSpooler(o.maxBodySize(), o.maxFormParts(), o.uploadMemoryThreshold(),
                o.uploadDirectory()));
        p.addLast("aggregator", new BodyAggregator(o.maxBodySize(), connection));
        if (!app.websockets().isEmpty()) {
            p.addLast("websocket", new WebSocketUpgrader(app.websockets(), o.maxWebSocketFrameSize(),
                    connection::upgraded, shardOf(ch.eventLoop()), handshakeScreen, connection::inTurn,
                    o.webSocketCloseTimeout()));
        }
        p.addLast("connection", connection);
    }

    JsonBodyReader jsonBodyReader() {
        return jsonBodyReader;
    }

    /** The server's access log, or null when it is off. */
    AccessLog accessLog() {
        return accessLog;
    }

    AppRuntime app() {
        return app;
    }

    Shard shardOf(EventLoop loop) {
        Shard s = shards.get(loop);
        if (s == null) {
            throw new IllegalStateException("channel registered on a loop outside the reactor: " + loop);
        }
        return s;
    }

    void register(HttpConnection c) {
        connections.add(c);
    }

    void unregister(HttpConnection c) {
        connections.remove(c);
    }

    @Override
    public int port() {
        return port;
    }

    /**
     * Waits at most {@code timeout} for the start's warm-up to end, after which blocking handlers run on virtual
     * threads (until then they run on platform threads of their own: {@code WarmupGate}); whether it has. For
     * {@code TestClient}.
     */
    public boolean awaitWarmup(Duration timeout) {
        return app.warmup().awaitOpen(timeout);
    }

    @Override
    public void stop(Duration deadline) {
        stop(app.options().drainDelay(), deadline);
    }

    @Override
    public void stop(Duration drainDelay, Duration deadline) {
        Shard.checkMayBlock("Server.stop()");
        if (!stopped.compareAndSet(false, true)) {
            awaitStopQuietly();
            return;
        }
        app.draining().begin(); // before anything closes: /ready answers 503 from here on
        boolean interrupted = drain(drainDelay);
        long end = System.nanoTime() + deadline.toNanos();
        listenerClosing = true;
        try {
            await(serverChannel.close());
            acceptor.shutdown();
            for (HttpConnection c : connections) {
                c.onLoop(c::beginStop);
            }
            while (!connections.isEmpty() && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            if (!connections.isEmpty()) {
                log.warn("stop deadline passed with {} connection(s) busy; closing them", connections.size());
                for (HttpConnection c : connections) {
                    c.forceClose();
                }
            }
            int unfinished = app.backgroundTasks().awaitIdle(end);
            if (unfinished > 0) {
                log.warn("stop deadline passed with {} background task(s) unfinished", unfinished);
            }
            for (Runnable hook : app.shutdownHooks()) {
                try {
                    hook.run();
                } catch (Throwable t) {
                    log.error("shutdown hook failed", t);
                }
            }
            if (ownsReactor) {
                reactor.shutdown(Duration.ZERO, Duration.ofSeconds(5)).await();
            }
            log.info("FasterAPI on port {} stopped", port);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopDone.countDown();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Serves on as before for {@code delay} while {@code /ready} says 503, so that a load balancer takes
     * this instance out of rotation before the listener closes. An interrupt ends the delay early and
     * the stop goes on; true when there was one (the caller sets the flag again once it is done).
     */
    private static boolean drain(Duration delay) {
        if (delay.isZero()) {
            return false;
        }
        log.info("draining for {} ms: /ready answers 503, requests are still served", delay.toMillis());
        try {
            Thread.sleep(delay);
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    private void awaitStopQuietly() {
        try {
            stopDone.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void awaitStop() throws InterruptedException {
        stopDone.await();
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    // ChannelFuture.sync() waits in a monitor; this works from platform and virtual threads alike.
    private static void await(ChannelFuture f) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        f.addListener(x -> done.complete(null));
        done.join();
    }
}
