package io.fasterapi.web.internal.server;

import io.fasterapi.web.internal.body.RequestBodyStream;
import io.fasterapi.web.internal.body.StreamedRequest;
import io.fasterapi.web.internal.observability.RequestMetrics;
import io.fasterapi.web.internal.router.Endpoint;
import io.fasterapi.web.internal.router.RouteTable;
import io.fasterapi.web.internal.router.RouteTrie;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the body of a request whose route takes it as a stream ({@code InputStream} parameter) to the
 * handler while it arrives, instead of letting the aggregator gather it: at the request's head it
 * looks the route up; if the route streams, the head goes on at once as a {@link StreamedRequest}
 * and the body's chunks go into its {@link RequestBodyStream}, never past this handler. Every other
 * request passes untouched (this handler is in the pipeline only when some route streams).
 *
 * <p>It answers {@code Expect: 100-continue} for streamed requests itself, and enforces
 * {@code maxStreamedBodySize}: an announced {@code Content-Length} past it is answered 413 before the
 * handler runs (both through the connection, in turn after earlier pipelined responses); a chunked body that grows past it fails the stream with an {@link IOException}, the
 * request is answered 413 (instead of whatever the handler answers) and the connection closes after
 * its responses. A malformed chunk does the same with 400; a client that closes the connection
 * mid-body fails the stream. It stops socket reads while the handler has
 * {@link RequestBodyStream#HIGH_WATER} unread bytes ({@link RequestBodyStream.ReadGate}). Loop only.
 */
final class StreamedBodyRequests extends ChannelInboundHandlerAdapter implements RequestBodyStream.ReadGate {
    private static final Logger log = LoggerFactory.getLogger(StreamedBodyRequests.class);

    private final RouteTable routes;
    private final long maxBodySize;
    private final HttpConnection connection;
    private final RequestMetrics metrics;
    private ChannelHandlerContext ctx;
    private RequestBodyStream current; // the body being received, or null
    private long received;
    private long lastProgressNanos;
    private int pausedStreams;
    private boolean refused; // input after a refused body is dropped; the connection closes after its responses

    StreamedBodyRequests(RouteTable routes, long maxBodySize, HttpConnection connection, RequestMetrics metrics) {
        this.routes = routes;
        this.maxBodySize = maxBodySize;
        this.connection = connection;
        this.metrics = metrics;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (current != null && msg instanceof HttpContent content) {
            receive(content);
            return;
        }
        if (msg instanceof HttpRequest request && !(msg instanceof FullHttpMessage)
                && request.decoderResult().isSuccess() && announcesBody(request) && streams(request)) {
            start(request);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private static boolean announcesBody(HttpRequest request) {
        return HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
    }

    private boolean streams(HttpRequest request) {
        RouteTrie.Match<Endpoint> match = routes.find(request.method().name(), RequestTarget.path(request.uri()));
        return match != null && match.value() != null && match.value().streamsBody();
    }

    private void start(HttpRequest request) {
        if (HttpUtil.getContentLength(request, -1L) > maxBodySize) {
            refuseAtOnce(request);
            return;
        }
        if (HttpUtil.is100ContinueExpected(request)) {
            request.headers().remove(HttpHeaderNames.EXPECT); // answered: the continue handler must not again
            connection.continueInTurn();
        }
        current = new RequestBodyStream(ctx.executor(), this);
        received = 0;
        lastProgressNanos = System.nanoTime();
        ctx.fireChannelRead(new StreamedRequest(request, current, metrics::recordStreamedBodyPeak));
    }

    private void receive(HttpContent content) {
        if (content.decoderResult().isFailure()) {
            content.release();
            refuse(400, new IOException("malformed request body: " + content.decoderResult().cause().getMessage()));
            return;
        }
        ByteBuf bytes = content.content();
        received += bytes.readableBytes();
        if (received > maxBodySize) {
            content.release();
            refuse(413, new IOException("request body larger than maxStreamedBodySize (" + maxBodySize + " bytes)"));
            return;
        }
        lastProgressNanos = System.nanoTime();
        boolean last = content instanceof LastHttpContent;
        RequestBodyStream body = current;
        if (last) {
            current = null;
        }
        if (bytes.isReadable()) {
            body.offer(bytes); // the stream owns the content's buffer now
        } else {
            content.release();
        }
        if (last) {
            body.end();
        }
    }

    private void refuse(int status, IOException cause) {
        log.info("refused the streamed body of a request from {} with {}: {}", ctx.channel().remoteAddress(), status,
                cause.getMessage());
        RequestBodyStream body = current;
        current = null;
        refused = true;
        ctx.channel().config().setAutoRead(false); // the rest of the body is never read
        body.fail(cause, status);
        connection.closeAfterResponses();
    }

    // Before an exchange exists: answered in turn (as the aggregator does), and the connection closed.
    private void refuseAtOnce(HttpRequest request) {
        log.info("refused a request from {} with 413: Content-Length {} past maxStreamedBodySize",
                ctx.channel().remoteAddress(), HttpUtil.getContentLength(request, -1L));
        refused = true;
        connection.refuseInTurn(request);
        ReferenceCountUtil.release(request);
    }

    /** Whether a streamed body is being received. */
    boolean receiving() {
        return current != null;
    }

    /** The body being received made progress (its {@code 100 Continue} was sent) at {@code now}. */
    void progressed(long now) {
        if (current != null) {
            lastProgressNanos = now;
        }
    }

    /** Whether socket reads are paused for a slow reader (the request timeout does not run meanwhile). */
    boolean paused() {
        return pausedStreams > 0;
    }

    /** When the streamed body being received last got bytes ({@link System#nanoTime()}). */
    long lastProgressNanos() {
        return lastProgressNanos;
    }

    @Override
    public void pause() {
        if (pausedStreams++ == 0) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void resume() {
        if (--pausedStreams == 0 && !refused) {
            lastProgressNanos = System.nanoTime();
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (current != null) {
            RequestBodyStream body = current;
            current = null;
            body.fail(new IOException("the client closed the connection before the request body ended"), 400);
        }
        super.channelInactive(ctx);
    }
}
