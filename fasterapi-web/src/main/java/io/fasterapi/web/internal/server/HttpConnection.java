package io.fasterapi.web.internal.server;

import io.fasterapi.core.Shard;
import io.fasterapi.web.ServerOptions;
import io.fasterapi.web.internal.request.RequestContext;
import io.fasterapi.web.internal.sse.SsePublisher;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP/1.1 connection: turns aggregated requests (and the heads of streamed-body requests, see
 * {@link StreamedBodyRequests}) into {@link Exchange}s, keeps them in a queue so pipelined responses
 * leave in request order even when handlers finish out of order, and writes each response as soon as
 * it is at the head. Answers the handlers in front of it write before a request gets here (a
 * {@code 100 Continue}, an early 413, a WebSocket handshake's answer) take a place in that queue too
 * ({@link #inTurn(Exchange.Turn)}), so they never overtake the responses to earlier requests. Full
 * responses are serialised as bytes into one outbound buffer per read batch, written and flushed
 * once when the batch ends (a pipelined batch of 16 requests costs one buffer, one write and one
 * syscall); streamed responses go through Netty's encoder. Also enforces the request timeout (a
 * request partly received for too long; for a streamed body, silence for too long while the server
 * reads) and the idle timeout (nothing in flight for too long) with one lazily re-armed timer, and
 * graceful stop. Every method runs on the connection's event loop except {@link #complete} and
 * {@link #onLoop}, which hop there.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(HttpConnection.class);
    private static final Logger accessLog = LoggerFactory.getLogger("io.fasterapi.web.access");
    private static final ClosedChannelException CLOSED = new ClosedChannelException();
    /** Bodies up to this size are copied after their head into the batch buffer; larger ones are written as they are. */
    private static final int COPIED_BODY_LIMIT = 4096;
    private static final int BATCH_CAPACITY = 4096;
    /** How long a connection refused mid-request drains its input after half-closing (see lingerThenClose). */
    static final long LINGER_MILLIS = 2000;
    /** How many bytes such a connection drops at most before it closes (more than loopback's socket buffers). */
    static final long LINGER_BYTES = 8 << 20;

    private final NettyServer server;
    private final Dispatcher dispatcher;
    private final RequestDecoder decoder;
    private final boolean logAccess;
    private final long requestTimeoutNanos;
    private final long idleTimeoutNanos;
    private final ArrayDeque<Exchange> queue = new ArrayDeque<>();
    private final ArrayList<Exchange> batchExchanges = new ArrayList<>();
    private final HeadBuffer headBuffer = new HeadBuffer();
    private ChannelHandlerContext ctx;
    private ChannelHandlerContext wire; // below Netty's response encoder: raw bytes pass it untouched
    private Shard shard;
    private ByteBuf batch;
    private boolean unflushed; // a large body was written past the batch and awaits the flush
    private boolean inRead;
    private boolean streaming;
    private boolean closed;
    private boolean stopping;
    private boolean serverStopping;
    private int continuesPending; // 100 Continue awaiting their turn: the client waits, no request timeout runs
    private boolean refusedRest; // a refusal that closes the connection is queued: later requests are dropped
    private boolean lingering; // the refusal is out and the output shut: input is dropped until close
    private StreamingBody.Stream eventStream; // the event stream being sent, ended when the server stops
    private long lastActivityNanos;
    private long requestStartNanos; // 0: no request partly received
    private ScheduledFuture<?> timer;
    private boolean upgradedToWebSocket;
    private Runnable goAway; // closes the WebSocket with 1001 when the server stops
    private long timerDeadline;
    private StreamedBodyRequests streamedBodies; // null when no route streams its body

    HttpConnection(NettyServer server, Dispatcher dispatcher, RequestDecoder decoder, ServerOptions options) {
        this.server = server;
        this.dispatcher = dispatcher;
        this.decoder = decoder;
        this.logAccess = options.accessLog();
        this.requestTimeoutNanos = options.requestTimeout().toNanos();
        this.idleTimeoutNanos = options.idleTimeout().toNanos();
    }

    /** The pipeline's streamed-body handler, whose body receipt the request timeout watches. */
    void streamedBodies(StreamedBodyRequests handler) {
        this.streamedBodies = handler;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.wire = ctx.pipeline().context(NettyServer.RESPONSE_ENCODER);
        this.shard = server.shardOf(ctx.channel().eventLoop());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        server.register(this);
        lastActivityNanos = System.nanoTime();
        armTimer(lastActivityNanos + idleTimeoutNanos);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        inRead = true;
        if (closed || refusedRest) {
            request.release();
            return;
        }
        String uri = request.uri();
        RequestContext rc = new RequestContext(request, RequestTarget.path(uri), RequestTarget.rawQuery(uri), shard,
                (InetSocketAddress) ctx.channel().remoteAddress(),
                RequestIds.of(request.headers().get(ResponseEncoder.X_REQUEST_ID)), server.app().dependencies(),
                server.jsonBodyReader());
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            // A request line past maxInitialLineLength is in practice a long URI: 414 (RFC 9110 §15.5.15).
            int status = cause instanceof TooLongHttpLineException ? 414
                    : cause instanceof TooLongFrameException ? 431 : 400;
            String detail = status == 414 ? "URI Too Long" : status == 431 ? "Request Header Fields Too Large"
                    : "Bad Request";
            log.info("rejected malformed request with {}: {} [request {}]", status, cause.toString(), rc.requestId());
            Exchange ex = new Exchange(rc, false, false, false);
            queue.add(ex);
            complete(ex, dispatcher.encodeEarly(status, detail, rc.requestId()));
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request); // when stopping, the last queued response closes
        Exchange ex = new Exchange(rc, keepAlive, request.method() == HttpMethod.HEAD,
                request.protocolVersion() == HttpVersion.HTTP_1_0);
        queue.add(ex);
        dispatcher.dispatch(ex, this);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        inRead = false;
        if (lingering) {
            if (decoder.discarded() > LINGER_BYTES) {
                ctx.close();
            }
            return;
        }
        long now = System.nanoTime();
        lastActivityNanos = now;
        if (!decoder.messageOpen()) {
            requestStartNanos = 0;
        } else if (requestStartNanos == 0) {
            requestStartNanos = now;
        }
        long requestStart = requestStart();
        if (requestStart != 0 && timerDeadline - (requestStart + requestTimeoutNanos) > 0) {
            armTimer(requestStart + requestTimeoutNanos);
        }
        writeBatch(false);
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
            ex.writeDone(CLOSED);
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

    /**
     * Makes {@code turn} a write in response order: it runs once every response to an earlier request
     * was written (at once when none is pending), or is dropped if the connection closes first. For
     * the writes made before a request reaches this handler — a {@code 100 Continue}, an early 413, a
     * WebSocket handshake's answer — which would otherwise overtake pipelined responses. Loop only.
     */
    void inTurn(Exchange.Turn turn) {
        if (closed) {
            turn.drop();
            return;
        }
        queue.add(Exchange.turn(turn));
        writeReady();
    }

    /** {@link #inTurn(Exchange.Turn)} for the WebSocket upgrader. Loop only. */
    void inTurn(Runnable write, Runnable drop) {
        inTurn(new Exchange.Turn() {
            @Override
            public void run() {
                write.run();
            }

            @Override
            public void drop() {
                drop.run();
            }
        });
    }

    /** Writes the interim {@code 100 Continue} in turn. Loop only. */
    void continueInTurn() {
        continuesPending++;
        inTurn(new Exchange.Turn() {
            @Override
            public void run() {
                continuesPending--;
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                        Unpooled.EMPTY_BUFFER));
                // The request timeout restarts: the client's wait for the 100 was not its delay.
                long now = System.nanoTime();
                if (requestStartNanos != 0) {
                    requestStartNanos = now;
                }
                if (streamedBodies != null) {
                    streamedBodies.progressed(now);
                }
            }

            @Override
            public void drop() {
                continuesPending--;
            }
        });
    }

    /**
     * Answers a request refused before it reached this handler (its body is too large) with 413
     * {@code Request body too large}, in turn, with the headers of every response ({@code date},
     * {@code server}, {@code x-request-id}) and {@code Connection: close}; nothing more is read
     * meanwhile, requests already read are dropped, and the connection closes after the refusal
     * ({@link #lingerThenClose}). Loop only.
     */
    void refuseInTurn(HttpRequest refused) {
        EncodedResponse refusal = dispatcher.encodeEarly(413, "Request body too large",
                RequestIds.of(refused.headers().get(ResponseEncoder.X_REQUEST_ID)));
        refusedRest = true;
        ctx.channel().config().setAutoRead(false);
        inTurn(new Exchange.Turn() {
            @Override
            public void run() {
                batch = ctx.alloc().directBuffer(BATCH_CAPACITY);
                refusal.writeHead(batch, EncodedResponse.ConnectionHeader.CLOSE, headBuffer);
                byte[] bytes = refusal.bytesBody();
                if (bytes != null) {
                    batch.writeBytes(bytes);
                }
                ByteBuf body = refusal.takeBody();
                if (body != null) {
                    batch.writeBytes(body);
                    body.release();
                }
                closed = true;
                ByteBuf out = batch;
                batch = null;
                wire.writeAndFlush(out).addListener(f -> lingerThenClose(f.isSuccess()));
                lastActivityNanos = System.nanoTime();
            }

            @Override
            public void drop() {
                refusal.release();
            }
        });
    }

    /**
     * Closes after a refusal whose request body the client may still be sending. Closing a socket
     * with unread bytes makes TCP send a reset, which can destroy the refusal before the client
     * reads it; so, as RFC 9112 §9.6 advises, the server first half-closes (the client reads the
     * answer, then end of stream), reads and drops whatever still comes (no request is decoded any
     * more) until the client closes, and closes anyway after {@value #LINGER_MILLIS} ms or
     * {@value #LINGER_BYTES} bytes dropped, whichever comes first: a client that reads while it sends
     * (curl, browsers) sees the answer and stops within a round trip, one that keeps sending is cut
     * off at a bounded cost. Loop only.
     */
    private void lingerThenClose(boolean flushed) {
        if (!flushed || !(ctx.channel() instanceof DuplexChannel duplex) || !ctx.channel().isActive()) {
            ctx.close();
            return;
        }
        decoder.discardEverything();
        duplex.shutdownOutput().addListener(f -> {
            if (!f.isSuccess()) {
                ctx.close();
                return;
            }
            lingering = true;
            ctx.channel().config().setAutoRead(true);
            ctx.executor().schedule(() -> {
                ctx.close();
            }, LINGER_MILLIS, TimeUnit.MILLISECONDS);
        });
    }

    private void writeReady() {
        while (!streaming && !closed) {
            Exchange head = queue.peek();
            if (head != null && head.turn != null) {
                queue.poll();
                writeBatch(false);
                head.turn.run();
                continue;
            }
            if (head == null || head.response == null) {
                break;
            }
            queue.poll();
            boolean close = !head.keepAlive || stopping && queue.isEmpty();
            EncodedResponse.ConnectionHeader connection = close ? EncodedResponse.ConnectionHeader.CLOSE
                    : head.http10 ? EncodedResponse.ConnectionHeader.KEEP_ALIVE : EncodedResponse.ConnectionHeader.NONE;
            if (head.response.streamed() != null || head.response.streamedHead() != null) {
                writeStreamed(head, close, connection);
                return;
            }
            appendToBatch(head, connection);
            if (close) {
                closed = true;
                writeBatch(true);
                return;
            }
        }
        if (!inRead) {
            writeBatch(false);
        }
        if (stopping && queue.isEmpty() && !streaming && !closed) {
            if (upgradedToWebSocket) { // upgraded in turn while the server was stopping
                goAway.run();
                return;
            }
            closed = true;
            ctx.close();
        }
    }

    private void appendToBatch(Exchange ex, EncodedResponse.ConnectionHeader connection) {
        if (batch == null) {
            batch = ctx.alloc().directBuffer(BATCH_CAPACITY);
        }
        ex.response.writeHead(batch, connection, headBuffer);
        byte[] bytes = ex.response.bytesBody();
        if (bytes != null && bytes.length <= COPIED_BODY_LIMIT) {
            batch.writeBytes(bytes);
        } else if (bytes != null) {
            wire.write(batch, ctx.voidPromise());
            batch = null;
            wire.write(Unpooled.wrappedBuffer(bytes), ctx.voidPromise());
            unflushed = true;
        }
        ByteBuf body = ex.response.takeBody();
        if (body != null) {
            if (body.readableBytes() <= COPIED_BODY_LIMIT) {
                batch.writeBytes(body);
                body.release();
            } else {
                wire.write(batch, ctx.voidPromise());
                batch = null;
                wire.write(body, ctx.voidPromise());
                unflushed = true;
            }
        }
        if (logAccess || ex.awaitsWrite()) {
            batchExchanges.add(ex);
        }
    }

    /** Writes what the batch holds (and any large body already queued) and flushes. */
    private void writeBatch(boolean thenClose) {
        ByteBuf out = batch;
        batch = null;
        boolean notify = !batchExchanges.isEmpty();
        if (out == null && !notify && !thenClose && !unflushed) {
            return;
        }
        unflushed = false;
        ChannelPromise promise = notify || thenClose ? ctx.newPromise() : ctx.voidPromise();
        if (notify) {
            Exchange[] done = batchExchanges.toArray(new Exchange[0]);
            batchExchanges.clear();
            promise.addListener(f -> {
                for (Exchange ex : done) {
                    written(ex, f.cause());
                }
            });
        }
        if (thenClose) {
            promise.addListener(ChannelFutureListener.CLOSE);
        }
        wire.writeAndFlush(out != null ? out : Unpooled.EMPTY_BUFFER, promise);
        lastActivityNanos = System.nanoTime();
    }

    private void writeStreamed(Exchange head, boolean close, EncodedResponse.ConnectionHeader connection) {
        writeBatch(false);
        HttpResponse res = head.response.streamedHead();
        if (connection == EncodedResponse.ConnectionHeader.CLOSE) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (connection == EncodedResponse.ConnectionHeader.KEEP_ALIVE) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        if (head.response.streamed() == null) { // a HEAD request's head, no body
            ChannelFuture f = ctx.writeAndFlush(res);
            f.addListener(done -> written(head, done.cause()));
            if (close) {
                closed = true;
                f.addListener(ChannelFutureListener.CLOSE);
            } else {
                writeReady();
            }
            return;
        }
        streaming = true;
        boolean events = head.response.streamed().body() instanceof SsePublisher;
        StreamingBody.Stream stream = StreamingBody.start(ctx, shard, head.response, ok -> {
            streaming = false;
            eventStream = null;
            written(head, ok ? null : CLOSED);
            if (!ok || close) {
                closed = true;
                ctx.close();
            } else {
                writeReady();
            }
        });
        if (events && streaming) {
            eventStream = stream;
            if (serverStopping) {
                stream.end();
            }
        }
    }

    private void written(Exchange ex, Throwable failure) {
        ex.writeDone(failure);
        if (logAccess) {
            accessLog.info("{} {} {} {}us [request {}]", ex.request.method(), ex.request.path(),
                    ex.response == null ? 0 : ex.response.status(), (System.nanoTime() - ex.startNanos) / 1000,
                    ex.request.requestId());
        }
    }

    private void armTimer(long deadline) {
        if (upgradedToWebSocket) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        timerDeadline = deadline;
        timer = ctx.executor().schedule(this::checkTimeouts, Math.max(0, deadline - System.nanoTime()),
                TimeUnit.NANOSECONDS);
    }

    // Re-armed from the latest activity when it fires, instead of being reset on every read and write.
    private void checkTimeouts() {
        timer = null;
        if (upgradedToWebSocket) {
            return;
        }
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        long requestStart = requestStart();
        if (requestStart != 0 && now - requestStart >= requestTimeoutNanos) {
            log.info("closing {}: request not received within {} ms", ctx.channel().remoteAddress(),
                    TimeUnit.NANOSECONDS.toMillis(requestTimeoutNanos));
            closed = true;
            ctx.close();
            return;
        }
        boolean idle = queue.isEmpty() && !streaming;
        if (idle && now - lastActivityNanos >= idleTimeoutNanos) {
            log.debug("closing idle connection {}", ctx.channel().remoteAddress());
            closed = true;
            ctx.close();
            return;
        }
        long next = idle ? lastActivityNanos + idleTimeoutNanos : now + idleTimeoutNanos;
        if (requestStart != 0) {
            next = Math.min(next, requestStart + requestTimeoutNanos);
        }
        armTimer(next);
    }

    /**
     * Since when the request timeout runs, or 0. For a streamed body it measures the silence since its
     * last bytes, and does not run while reads are paused for a slow handler: a long upload that keeps
     * coming is not cut, a client that stops sending is. Nor does it run while a {@code 100 Continue}
     * waits for its turn, or once a request was refused (nothing more is read; the connection closes
     * after the refusal).
     */
    private long requestStart() {
        if (continuesPending > 0 || refusedRest) {
            return 0;
        }
        if (streamedBodies != null && streamedBodies.receiving()) {
            return streamedBodies.paused() ? 0 : streamedBodies.lastProgressNanos();
        }
        return requestStartNanos;
    }

    /**
     * Starts a graceful stop: close now when idle, else after the in-flight responses. An event
     * stream (endless by nature) is ended at once, cleanly; other streamed bodies (finite downloads)
     * run on until they end or the stop's deadline. Loop only.
     */
    void beginStop() {
        serverStopping = true;
        closeAfterResponses();
        if (eventStream != null) {
            eventStream.end();
        }
    }

    /**
     * Closes the connection once the responses in flight are written (the last says
     * {@code Connection: close}); reads no new request. Loop only.
     */
    void closeAfterResponses() {
        stopping = true;
        if (upgradedToWebSocket) {
            goAway.run();
            return;
        }
        if (queue.isEmpty() && !streaming && !closed) {
            closed = true;
            ctx.close();
        }
    }

    /**
     * The connection became a WebSocket: HTTP's request and idle timeouts no longer apply (the
     * handler stays in the pipeline, inert), and a stop closes it with {@code goAway}. Loop.
     */
    public void upgraded(Runnable goAway) {
        this.goAway = goAway;
        upgradedToWebSocket = true;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** Closes the connection at once. Any thread. */
    void forceClose() {
        ctx.channel().close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closed = true;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (batch != null) {
            batch.release();
            batch = null;
        }
        for (Exchange ex : batchExchanges) {
            ex.writeDone(CLOSED);
        }
        batchExchanges.clear();
        for (Exchange ex : queue) {
            if (ex.turn != null) {
                ex.turn.drop();
            } else if (ex.response != null) {
                ex.response.release();
                ex.writeDone(CLOSED);
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
