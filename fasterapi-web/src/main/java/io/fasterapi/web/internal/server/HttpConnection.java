package io.fasterapi.web.internal.server;

import io.fasterapi.core.Shard;
import io.fasterapi.web.ServerOptions;
import io.fasterapi.web.internal.request.RequestContext;
import io.fasterapi.web.internal.sse.SsePublisher;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP/1.1 connection: turns aggregated requests (and the heads of streamed-body requests, see
 * {@link StreamedBodyRequests}) into {@link Exchange}s, keeps them in a queue so pipelined responses
 * leave in request order even when handlers finish out of order, and writes each response as soon as
 * it is at the head. Answers the handlers in front of it write before a request gets here (a
 * {@code 100 Continue}, an early 413, a WebSocket handshake's answer) take a place in that queue too
 * ({@link #inTurn(Exchange.Turn)}), so they never overtake the responses to earlier requests. The
 * {@link ResponseWriter} puts the responses on the wire (full ones batched into one buffer per read
 * batch, flushed when the batch ends), the {@link ConnectionTimeouts} close a connection whose
 * request takes too long to arrive or that stays idle, and this class handles graceful stop. Every
 * method runs on the connection's event loop except {@link #complete} and {@link #onLoop}, which
 * hop there.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(HttpConnection.class);
    /** How long a connection refused mid-request drains its input after half-closing (see lingerThenClose). */
    static final long LINGER_MILLIS = 2000;
    /** How many bytes such a connection drops at most before it closes (more than loopback's socket buffers). */
    static final long LINGER_BYTES = 8 << 20;

    private final NettyServer server;
    private final Dispatcher dispatcher;
    private final RequestDecoder decoder;
    private final ConnectionTimeouts timeouts;
    private final ResponseWriter responses;
    private final ArrayDeque<Exchange> queue = new ArrayDeque<>(); // in request order: the head is written first
    private ChannelHandlerContext ctx;
    private Shard shard;
    private boolean inRead;
    private boolean streaming;
    private boolean closed;
    private boolean stopping;
    private boolean serverStopping;
    private boolean refusedRest; // a refusal that closes the connection is queued: later requests are dropped
    private boolean lingering; // the refusal is out and the output shut: input is dropped until close
    private StreamingBody.Stream eventStream; // the event stream being sent, ended when the server stops
    private boolean upgradedToWebSocket;
    private Runnable goAway; // closes the WebSocket with 1001 when the server stops

    HttpConnection(NettyServer server, Dispatcher dispatcher, RequestDecoder decoder, ServerOptions options) {
        this.server = server;
        this.dispatcher = dispatcher;
        this.decoder = decoder;
        this.timeouts = new ConnectionTimeouts(this, options);
        this.responses = new ResponseWriter(server.accessLog(), timeouts);
    }

    /** The pipeline's streamed-body handler, whose body receipt the request timeout watches. */
    void streamedBodies(StreamedBodyRequests handler) {
        timeouts.streamedBodies(handler);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.shard = server.shardOf(ctx.channel().eventLoop());
        responses.attach(ctx);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        server.register(this);
        timeouts.start(ctx);
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
        timeouts.readComplete(decoder.messageOpen());
        responses.flush(false);
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
            ex.writeDone(ResponseWriter.CLOSED);
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
        timeouts.continueQueued();
        inTurn(new Exchange.Turn() {
            @Override
            public void run() {
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                        Unpooled.EMPTY_BUFFER));
                timeouts.continueWritten();
            }

            @Override
            public void drop() {
                timeouts.continueDropped();
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
        timeouts.refused();
        ctx.channel().config().setAutoRead(false);
        inTurn(new Exchange.Turn() {
            @Override
            public void run() {
                closed = true;
                responses.writeRefusal(refusal).addListener(f -> lingerThenClose(f.isSuccess()));
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
                responses.flush(false);
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
            responses.append(head, connection);
            if (close) {
                closed = true;
                responses.flush(true);
                return;
            }
        }
        if (!inRead) {
            responses.flush(false);
        }
        if (stopping && queue.isEmpty() && !streaming && !closed) {
            if (upgradedToWebSocket) { // upgraded in turn while the server was stopping
                goAway.run();
                return;
            }
            closeNow();
        }
    }

    private void writeStreamed(Exchange head, boolean close, EncodedResponse.ConnectionHeader connection) {
        responses.flush(false);
        if (head.response.streamed() == null) { // a HEAD request's head, no body
            ChannelFuture f = responses.writeStreamedHead(head, connection);
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
        StreamingBody.Stream stream = responses.writeStreamed(head, connection, shard, ok -> {
            streaming = false;
            eventStream = null;
            responses.written(head, ok ? null : ResponseWriter.CLOSED);
            if (!ok || close) {
                closeNow();
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

    /** Whether the connection is closed or closing (nothing more is written). */
    boolean isClosed() {
        return closed;
    }

    /** Whether nothing is in flight: no request waiting for its response, no response streaming. */
    boolean isIdle() {
        return queue.isEmpty() && !streaming;
    }

    /** Closes the connection now (a timeout). */
    void closeNow() {
        closed = true;
        ctx.close();
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
            closeNow();
        }
    }

    /**
     * The connection became a WebSocket: HTTP's request and idle timeouts no longer apply (the
     * handler stays in the pipeline, inert), and a stop closes it with {@code goAway}. Loop.
     */
    public void upgraded(Runnable goAway) {
        this.goAway = goAway;
        upgradedToWebSocket = true;
        timeouts.end();
    }

    /** Closes the connection at once. Any thread. */
    void forceClose() {
        ctx.channel().close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closed = true;
        timeouts.cancel();
        responses.discard();
        for (Exchange ex : queue) {
            if (ex.turn != null) {
                ex.turn.drop();
            } else if (ex.response != null) {
                ex.response.release();
                ex.writeDone(ResponseWriter.CLOSED);
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
