package io.fasterapi.web.internal.server;

import io.fasterapi.core.Shard;
import io.fasterapi.web.BodyWriter;
import io.fasterapi.web.Response;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a chunked body (RFC 9112 §7.1) with backpressure: a {@link Flow.Publisher} gets its next
 * request only once the previous buffer was written to the socket; a {@link BodyWriter} runs on a
 * virtual thread whose writes park while the channel is not writable. A failure mid-body closes the
 * connection: the status line is already gone, and a truncated chunked body tells the client. A
 * publisher's body can be ended early and cleanly ({@link Stream#end()}): a graceful stop does that
 * to an event stream, which would otherwise never end.
 */
final class StreamingBody {
    private static final Logger log = LoggerFactory.getLogger(StreamingBody.class);
    private static final int CHUNK = 8192;

    private StreamingBody() {
    }

    /** A body being streamed. */
    interface Stream {
        /**
         * Ends a publisher's body now, between two of its buffers: cancels the subscription and writes
         * the terminating chunk, so the client sees a complete response. A writer's body runs on.
         * Loop only; nothing when the body already ended.
         */
        void end();
    }

    /**
     * Writes the head, then the body; calls {@code done} on the loop with whether it ended cleanly.
     * Loop only.
     */
    @SuppressWarnings("unchecked")
    static Stream start(ChannelHandlerContext ctx, Shard shard, EncodedResponse response, Consumer<Boolean> done) {
        ctx.writeAndFlush(response.streamedHead());
        Response source = response.streamed();
        if (source.bodyKind() == Response.BodyKind.WRITER) {
            BodyWriter writer = (BodyWriter) source.body();
            shard.startVirtualThread(() -> {
                boolean ok = true;
                try (ChunkedOutput out = new ChunkedOutput(ctx.channel())) {
                    writer.writeTo(out);
                } catch (Throwable t) {
                    ok = false;
                    log.error("streamed body writer failed; closing the connection", t);
                }
                boolean clean = ok;
                ctx.executor().execute(() -> done.accept(clean));
            });
            return () -> {
            };
        }
        PublisherBridge bridge = new PublisherBridge(ctx, done);
        ((Flow.Publisher<ByteBuffer>) source.body()).subscribe(bridge);
        return bridge;
    }

    // Signals hop to the loop; once the body ended (completed, failed or ended early) later ones are dropped.
    private static final class PublisherBridge implements Flow.Subscriber<ByteBuffer>, Stream {
        private final ChannelHandlerContext ctx;
        private final Consumer<Boolean> done;
        private volatile Flow.Subscription subscription;
        private volatile boolean ended; // set on the loop
        // The client going away cancels the publisher at once, not at its next write (an idle event stream).
        private final io.netty.channel.ChannelFutureListener cancelOnClose = f -> subscription.cancel();

        PublisherBridge(ChannelHandlerContext ctx, Consumer<Boolean> done) {
            this.ctx = ctx;
            this.done = done;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            this.subscription = s;
            if (ended) {
                s.cancel();
                return;
            }
            ctx.channel().closeFuture().addListener(cancelOnClose);
            s.request(1);
        }

        private void finished(boolean ok) {
            ctx.channel().closeFuture().removeListener(cancelOnClose);
            done.accept(ok);
        }

        @Override
        public void onNext(ByteBuffer item) {
            var copy = Unpooled.copiedBuffer(item);
            ctx.executor().execute(() -> {
                if (ended) {
                    copy.release();
                    return;
                }
                ctx.writeAndFlush(new DefaultHttpContent(copy)).addListener(f -> {
                    if (ended) {
                        return;
                    }
                    if (f.isSuccess()) {
                        subscription.request(1);
                    } else {
                        ended = true;
                        subscription.cancel();
                        finished(false);
                    }
                });
            });
        }

        @Override
        public void onError(Throwable t) {
            ctx.executor().execute(() -> {
                if (!ended) {
                    ended = true;
                    log.error("streamed body publisher failed; closing the connection", t);
                    finished(false);
                }
            });
        }

        @Override
        public void onComplete() {
            ctx.executor().execute(this::writeLast);
        }

        @Override
        public void end() {
            if (ended) {
                return;
            }
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            writeLast();
        }

        private void writeLast() {
            if (ended) {
                return;
            }
            ended = true;
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(f -> finished(f.isSuccess()));
        }
    }

    /** An output stream of chunks; blocks (parks) its virtual thread while the socket is backed up. */
    private static final class ChunkedOutput extends OutputStream {
        private final Channel channel;
        private final byte[] buffer = new byte[CHUNK];
        private int count;
        private boolean closed;

        ChunkedOutput(Channel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            if (count == buffer.length) {
                flushChunk();
            }
            buffer[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (count == buffer.length) {
                    flushChunk();
                }
                int n = Math.min(len, buffer.length - count);
                System.arraycopy(b, off, buffer, count, n);
                count += n;
                off += n;
                len -= n;
            }
        }

        @Override
        public void flush() throws IOException {
            flushChunk();
        }

        private void flushChunk() throws IOException {
            if (count == 0) {
                return;
            }
            if (!channel.isActive()) {
                throw new IOException("client closed the connection");
            }
            ChannelFuture f = channel.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(buffer, 0, count)));
            count = 0;
            if (!channel.isWritable()) {
                await(f);
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            flushChunk();
            await(channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT));
        }

        // ChannelFuture.sync() waits in a monitor, which would pin the virtual thread's carrier.
        private static void await(ChannelFuture f) throws IOException {
            CompletableFuture<Void> written = new CompletableFuture<>();
            f.addListener(x -> {
                if (x.isSuccess()) {
                    written.complete(null);
                } else {
                    written.completeExceptionally(x.cause());
                }
            });
            try {
                written.join();
            } catch (RuntimeException e) {
                throw new IOException("writing the response body failed", e.getCause());
            }
        }
    }
}
