package io.fasterapi.web.internal.form;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.HttpPostMultipartRequestDecoder;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes {@code multipart/form-data} request bodies while they arrive, ahead of the aggregator, so
 * uploads never sit whole in memory: each part stays in memory up to the threshold, then continues
 * in a temporary file (Netty's mixed HTTP data). Once the last chunk is in, the request goes on as a
 * {@link MultipartRequest}. Other requests pass untouched.
 *
 * <p>Limits: the body's size ({@code maxBodySize}: 413, as the aggregator does for other bodies) and
 * its number of parts ({@code maxParts}: 400, as Starlette's "Too many fields"); a malformed body is
 * 400. Each answer closes the connection, since the rest of the body is not read.
 *
 * <p>Runs on the connection's event loop, and so do the writes of spooled parts: page-cache writes
 * in chunks of at most 64 KiB.
 */
public final class MultipartSpooler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(MultipartSpooler.class);
    private static final int DISCARD_THRESHOLD = 256 * 1024;

    private final long maxBodySize;
    private final int maxParts;
    private final DefaultHttpDataFactory factory;
    private final int maxBufferedBytes;
    private HttpRequest head;
    private HttpPostMultipartRequestDecoder decoder;
    private long received;
    private boolean rejected;

    /**
     * A spooler for one connection. {@code directory} holds the temporary files (null: the system's
     * temporary directory).
     */
    public MultipartSpooler(long maxBodySize, int maxParts, long memoryThreshold, Path directory) {
        this.maxBodySize = maxBodySize;
        this.maxParts = maxParts;
        this.factory = new DefaultHttpDataFactory(memoryThreshold, StandardCharsets.UTF_8);
        factory.setDeleteOnExit(false); // the JVM's delete-on-exit list would grow with every upload
        if (directory != null) {
            factory.setBaseDir(directory.toString());
        }
        this.maxBufferedBytes = (int) Math.min(Integer.MAX_VALUE, Math.max(64 * 1024, memoryThreshold + 64 * 1024));
    }

    /** Whether {@code request}'s body is {@code multipart/form-data}. */
    static boolean isMultipart(HttpRequest request) {
        String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        return type != null && type.regionMatches(true, 0, "multipart/form-data", 0, 19);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (rejected) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (decoder == null) {
            if (msg instanceof HttpRequest request && !(msg instanceof FullHttpRequest)
                    && request.decoderResult().isSuccess() && isMultipart(request)) {
                start(ctx, request);
            } else {
                ctx.fireChannelRead(msg);
            }
            return;
        }
        if (msg instanceof HttpContent content) {
            try {
                feed(ctx, content);
            } finally {
                content.release();
            }
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void start(ChannelHandlerContext ctx, HttpRequest request) {
        if (HttpUtil.getContentLength(request, -1L) > maxBodySize) {
            reject(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "Request body too large");
            return;
        }
        try {
            decoder = new HttpPostMultipartRequestDecoder(factory, request, StandardCharsets.UTF_8, maxParts,
                    maxBufferedBytes);
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
            reject(ctx, HttpResponseStatus.BAD_REQUEST, "Malformed multipart body: " + e.getMessage());
            return;
        }
        decoder.setDiscardThreshold(DISCARD_THRESHOLD);
        head = request;
        received = 0;
    }

    private void feed(ChannelHandlerContext ctx, HttpContent content) {
        ByteBuf bytes = content.content();
        received += bytes.readableBytes();
        if (content.decoderResult().isFailure()) {
            reject(ctx, HttpResponseStatus.BAD_REQUEST, "Malformed request body");
            return;
        }
        if (received > maxBodySize) {
            reject(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "Request body too large");
            return;
        }
        try {
            decoder.offer(content);
        } catch (HttpPostRequestDecoder.TooManyFormFieldsException e) {
            reject(ctx, HttpResponseStatus.BAD_REQUEST, "Too many form parts; at most " + maxParts + " are accepted");
            return;
        } catch (HttpPostRequestDecoder.TooLongFormFieldException e) {
            reject(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "Form part header too large");
            return;
        } catch (RuntimeException e) { // ErrorDataDecoderException and friends
            reject(ctx, HttpResponseStatus.BAD_REQUEST, "Malformed multipart body");
            return;
        }
        if (content instanceof LastHttpContent last) {
            MultipartRequest full;
            try {
                full = new MultipartRequest(head, last.trailingHeaders(), new ArrayList<>(decoder.getBodyHttpDatas()),
                        decoder);
            } catch (RuntimeException e) {
                reject(ctx, HttpResponseStatus.BAD_REQUEST, "Malformed multipart body");
                return;
            }
            decoder = null;
            head = null;
            ctx.fireChannelRead(full);
        }
    }

    private void reject(ChannelHandlerContext ctx, HttpResponseStatus status, String detail) {
        log.info("rejected multipart request from {} with {}: {}", ctx.channel().remoteAddress(), status.code(), detail);
        destroyDecoder();
        rejected = true;
        byte[] body = ("{\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                ctx.alloc().buffer(body.length).writeBytes(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }

    private void destroyDecoder() {
        if (decoder != null) {
            decoder.destroy();
            decoder = null;
            head = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        destroyDecoder(); // a client gone mid-upload leaves no temporary file behind
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        destroyDecoder();
    }
}
