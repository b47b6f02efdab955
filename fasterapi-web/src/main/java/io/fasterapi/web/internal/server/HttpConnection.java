package io.fasterapi.web.internal.server;

import io.fasterapi.core.Shard;
import io.fasterapi.web.internal.request.RequestContext;
import io.fasterapi.web.internal.router.PercentDecoder;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP/1.1 connection: turns aggregated requests into {@link Exchange}s, keeps them in a queue so
 * pipelined responses leave in request order even when handlers finish out of order, writes each
 * response as soon as it is at the head (flushing once per read batch), and honours keep-alive, idle
 * timeouts and graceful stop. Every method runs on the connection's event loop except
 * {@link #complete} and {@link #onLoop}, which hop there.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(HttpConnection.class);
    private static final Logger accessLog = LoggerFactory.getLogger("io.fasterapi.web.access");
    private static final ClosedChannelException CLOSED = new ClosedChannelException();

    private final NettyServer server;
    private final Dispatcher dispatcher;
    private final RequestTimeoutHandler requestTimeout;
    private final boolean logAccess;
    private final ArrayDeque<Exchange> queue = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private Shard shard;
    private boolean inRead;
    private boolean needsFlush;
    private boolean streaming;
    private boolean closed;
    private boolean stopping;

    HttpConnection(NettyServer server, Dispatcher dispatcher, RequestTimeoutHandler requestTimeout, boolean logAccess) {
        this.server = server;
        this.dispatcher = dispatcher;
        this.requestTimeout = requestTimeout;
        this.logAccess = logAccess;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.shard = server.shardOf(ctx.channel().eventLoop());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        server.register(this);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        inRead = true;
        requestTimeout.requestComplete();
        if (closed) {
            request.release();
            return;
        }
        String uri = request.uri();
        int q = uri.indexOf('?');
        String rawPath = q < 0 ? uri : uri.substring(0, q);
        String rawQuery = q < 0 ? "" : uri.substring(q + 1);
        rawPath = stripAbsoluteForm(rawPath);
        RequestContext rc = new RequestContext(request, PercentDecoder.decodePath(rawPath), rawQuery, shard,
                (InetSocketAddress) ctx.channel().remoteAddress(),
                RequestIds.of(request.headers().get(ResponseEncoder.X_REQUEST_ID)), server.app().dependencies());
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            boolean tooLong = cause instanceof TooLongFrameException;
            int status = tooLong ? 431 : 400;
            String detail = tooLong ? "Request Header Fields Too Large" : "Bad Request";
            log.info("rejected malformed request with {}: {} [request {}]", status, cause.toString(), rc.requestId());
            Exchange ex = new Exchange(rc, false, false, false);
            queue.add(ex);
            complete(ex, dispatcher.encodeEarly(status, detail, rc.requestId()));
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request) && !stopping;
        Exchange ex = new Exchange(rc, keepAlive, request.method() == HttpMethod.HEAD,
                request.protocolVersion() == HttpVersion.HTTP_1_0);
        queue.add(ex);
        dispatcher.dispatch(ex, this);
    }

    // RFC 9112 §3.2.2: a server must accept the absolute form "http://host/path".
    private static String stripAbsoluteForm(String path) {
        if (path.startsWith("/")) {
            return path;
        }
        int scheme = path.indexOf("://");
        if (scheme < 0) {
            return path;
        }
        int slash = path.indexOf('/', scheme + 3);
        return slash < 0 ? "/" : path.substring(slash);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        inRead = false;
        if (needsFlush) {
            needsFlush = false;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    /** Hands a finished response over; writes it when every earlier response has been written. Any thread. */
    void complete(Exchange ex, EncodedResponse response) {
        if (!ctx.executor().inEventLoop()) {
            ctx.executor().execute(() -> complete(ex, response));
            return;
        }
        ex.releaseRequest();
        if (closed) {
            response.release();
            ex.written.completeExceptionally(CLOSED);
            return;
        }
        ex.response = response;
        writeReady();
    }

    /** Runs {@code task} on this connection's loop: inline when already there. Any thread. */
    void onLoop(Runnable task) {
        if (ctx.executor().inEventLoop()) {
            task.run();
        } else {
            ctx.executor().execute(task);
        }
    }

    /** The connection's buffer allocator (thread-safe). */
    ByteBufAllocator alloc() {
        return ctx.alloc();
    }

    private void writeReady() {
        boolean wrote = false;
        while (!streaming && !closed) {
            Exchange head = queue.peek();
            if (head == null || head.response == null) {
                break;
            }
            queue.poll();
            boolean close = !head.keepAlive || stopping;
            HttpResponse res = head.response.head();
            if (close) {
                res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            } else if (head.http10) {
                res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            if (head.response.streamed() != null) {
                streaming = true;
                if (wrote) {
                    ctx.flush();
                }
                StreamingBody.start(ctx, shard, head.response, ok -> {
                    streaming = false;
                    written(head, ok ? null : CLOSED);
                    if (!ok || close) {
                        closed = true;
                        ctx.close();
                    } else {
                        writeReady();
                    }
                });
                return;
            }
            ChannelFuture f = ctx.write(res);
            wrote = true;
            f.addListener(done -> written(head, done.cause()));
            if (close) {
                closed = true;
                ctx.flush();
                f.addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        if (wrote) {
            if (inRead) {
                needsFlush = true;
            } else {
                ctx.flush();
            }
        }
        if (stopping && queue.isEmpty() && !streaming && !closed) {
            closed = true;
            ctx.close();
        }
    }

    private void written(Exchange ex, Throwable failure) {
        if (failure == null) {
            ex.written.complete(null);
        } else {
            ex.written.completeExceptionally(failure);
        }
        if (logAccess) {
            accessLog.info("{} {} {} {}us [request {}]", ex.request.method(), ex.request.path(),
                    ex.response == null ? 0 : ex.response.status(), (System.nanoTime() - ex.startNanos) / 1000,
                    ex.request.requestId());
        }
    }

    /** Starts a graceful stop: close now when idle, else after the in-flight responses. Loop only. */
    void beginStop() {
        stopping = true;
        if (queue.isEmpty() && !streaming && !closed) {
            closed = true;
            ctx.close();
        }
    }

    /** Closes the connection at once. Any thread. */
    void forceClose() {
        ctx.channel().close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            if (queue.isEmpty() && !streaming) {
                log.debug("closing idle connection {}", ctx.channel().remoteAddress());
                closed = true;
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closed = true;
        for (Exchange ex : queue) {
            if (ex.response != null) {
                ex.response.release();
                ex.written.completeExceptionally(CLOSED);
            }
            // exchanges still running complete in complete(): their request body is released there
        }
        queue.clear();
        server.unregister(this);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause instanceof io.netty.handler.codec.DecoderException) {
            log.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            log.warn("connection {} failed", ctx.channel().remoteAddress(), cause);
        }
        closed = true;
        ctx.close();
    }
}
