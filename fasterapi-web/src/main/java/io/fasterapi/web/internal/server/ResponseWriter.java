package io.fasterapi.web.internal.server;

import io.fasterapi.core.Shard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.function.Consumer;

/**
 * Writes one connection's responses, in the order {@link HttpConnection} hands them over. Full
 * responses are serialised as bytes into one outbound buffer per read batch, below Netty's response
 * encoder, and written and flushed once when the batch ends ({@link #flush}): a pipelined batch of
 * 16 requests costs one buffer, one write and one syscall. A body up to {@value #COPIED_BODY_LIMIT}
 * bytes is copied after its head; a larger one is written as it is, after the buffer. Streamed
 * responses go through Netty's encoder. Reports each write's outcome to the exchange (and to the
 * access log), only when someone listens: most responses need no write listener. Every method runs
 * on the connection's event loop.
 */
final class ResponseWriter {
    /** The failure of a write the connection closed before. */
    static final ClosedChannelException CLOSED = new ClosedChannelException();
    /** Bodies up to this size are copied after their head into the batch buffer; larger ones are written as they are. */
    private static final int COPIED_BODY_LIMIT = 4096;
    private static final int BATCH_CAPACITY = 4096;

    private final AccessLog accessLog; // null: off
    private final ConnectionTimeouts timeouts;
    private final ArrayList<Exchange> batchExchanges = new ArrayList<>(); // written by the next flush, someone listening
    private final HeadBuffer headBuffer = new HeadBuffer();
    private ChannelHandlerContext ctx;
    private ChannelHandlerContext wire; // below Netty's response encoder: raw bytes pass it untouched
    private ByteBuf batch;
    private boolean unflushed; // a large body was written past the batch and awaits the flush

    ResponseWriter(AccessLog accessLog, ConnectionTimeouts timeouts) {
        this.accessLog = accessLog;
        this.timeouts = timeouts;
    }

    /** Writes through the connection's handler context {@code ctx}. */
    void attach(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.wire = ctx.pipeline().context(NettyServer.RESPONSE_ENCODER);
    }

    /** Adds the full response of {@code ex} to the batch, saying {@code connection} about keep-alive. */
    void append(Exchange ex, EncodedResponse.ConnectionHeader connection) {
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
        if (accessLog != null && accessLog.writes() || ex.awaitsWrite()) {
            batchExchanges.add(ex);
        }
    }

    /** Writes what the batch holds (and any large body already queued) and flushes; then closes when told to. */
    void flush(boolean thenClose) {
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
        timeouts.wrote();
    }

    /**
     * Writes and flushes {@code refusal} on its own, saying {@code Connection: close}. The batch must
     * be empty (it is, when a turn runs). Takes the refusal's body.
     */
    ChannelFuture writeRefusal(EncodedResponse refusal) {
        ByteBuf out = ctx.alloc().directBuffer(BATCH_CAPACITY);
        refusal.writeClosing(out, headBuffer);
        ChannelFuture f = wire.writeAndFlush(out);
        timeouts.wrote();
        return f;
    }

    /** Writes the head of a streamed response to a HEAD request, which has no body. */
    ChannelFuture writeStreamedHead(Exchange ex, EncodedResponse.ConnectionHeader connection) {
        HttpResponse head = ex.response.streamedHead();
        sayConnection(head, connection);
        ChannelFuture f = ctx.writeAndFlush(head);
        f.addListener(done -> written(ex, done.cause()));
        return f;
    }

    /**
     * Writes a streamed response's head, then its body as it comes (see {@link StreamingBody});
     * {@code done} learns on the loop whether it ended cleanly.
     */
    StreamingBody.Stream writeStreamed(Exchange ex, EncodedResponse.ConnectionHeader connection, Shard shard,
                                       Consumer<Boolean> done) {
        sayConnection(ex.response.streamedHead(), connection);
        return StreamingBody.start(ctx, shard, ex.response, done);
    }

    private static void sayConnection(HttpResponse head, EncodedResponse.ConnectionHeader connection) {
        if (connection == EncodedResponse.ConnectionHeader.CLOSE) {
            head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (connection == EncodedResponse.ConnectionHeader.KEEP_ALIVE) {
            head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
    }

    /** Reports the write of {@code ex}'s response ({@code failure} null: it was written) and logs the access. */
    void written(Exchange ex, Throwable failure) {
        ex.writeDone(failure);
        if (accessLog != null) {
            accessLog.log(ex);
        }
    }

    /** The connection closed: frees the batch and fails the writes it held. */
    void discard() {
        if (batch != null) {
            batch.release();
            batch = null;
        }
        for (Exchange ex : batchExchanges) {
            ex.writeDone(CLOSED);
        }
        batchExchanges.clear();
    }
}
