package io.fasterapi.web.internal.server;

import io.fasterapi.web.Response;
import io.fasterapi.web.internal.json.JsonCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.util.List;

/**
 * Encodes a {@link Response} for Netty: JSON is written by Jackson straight into a pooled outbound
 * {@link ByteBuf} (no intermediate byte array), standard headers ({@code Date}, {@code Server},
 * {@code Content-Length}, {@code X-Request-Id}) are added, and a HEAD request keeps the headers of
 * its GET response without the body. Any thread (the allocator is thread-safe).
 */
final class ResponseEncoder {
    static final AsciiString X_REQUEST_ID = AsciiString.cached("x-request-id");
    private static final AsciiString APPLICATION_JSON = AsciiString.cached("application/json");

    private final AsciiString serverName;

    ResponseEncoder(String serverName) {
        this.serverName = AsciiString.cached(serverName);
    }

    EncodedResponse encode(Response r, String requestId, ByteBufAllocator alloc, boolean head) {
        HttpResponseStatus status = HttpResponseStatus.valueOf(r.status());
        boolean noBody = r.status() == 204 || r.status() == 304 || r.status() < 200;
        switch (r.bodyKind()) {
            case PUBLISHER, WRITER -> {
                HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
                headers(res.headers(), r, requestId);
                res.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
                if (head) {
                    FullHttpResponse empty = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                            Unpooled.EMPTY_BUFFER);
                    empty.headers().set(res.headers());
                    return EncodedResponse.full(empty);
                }
                return EncodedResponse.streamed(res, r);
            }
            default -> {
            }
        }
        ByteBuf content = noBody ? Unpooled.EMPTY_BUFFER : body(r, alloc);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        HttpHeaders h = res.headers();
        headers(h, r, requestId);
        if (!noBody) {
            h.setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        }
        if (head && content.isReadable()) {
            FullHttpResponse headOnly = res.replace(Unpooled.EMPTY_BUFFER);
            res.release();
            return EncodedResponse.full(headOnly);
        }
        return EncodedResponse.full(res);
    }

    private static ByteBuf body(Response r, ByteBufAllocator alloc) {
        return switch (r.bodyKind()) {
            case BYTES -> Unpooled.wrappedBuffer((byte[]) r.body());
            case JSON -> {
                ByteBuf buf = alloc.buffer(256);
                try {
                    JsonCodec.mapper().writeValue((java.io.OutputStream) new ByteBufOutputStream(buf), r.body());
                } catch (RuntimeException e) {
                    buf.release();
                    throw e;
                }
                yield buf;
            }
            default -> Unpooled.EMPTY_BUFFER;
        };
    }

    private void headers(HttpHeaders h, Response r, String requestId) {
        h.set(HttpHeaderNames.DATE, HttpDates.now());
        h.set(HttpHeaderNames.SERVER, serverName);
        h.set(X_REQUEST_ID, requestId);
        if (r.contentType() != null && r.bodyKind() != Response.BodyKind.EMPTY) {
            h.set(HttpHeaderNames.CONTENT_TYPE, "application/json".equals(r.contentType()) ? APPLICATION_JSON
                    : r.contentType());
        }
        List<String> extra = r.headerList();
        for (int i = 0; i < extra.size(); i += 2) {
            h.add(extra.get(i), extra.get(i + 1));
        }
        if (r.bodyKind() == Response.BodyKind.EMPTY && r.status() != 204 && r.status() != 304 && r.status() >= 200) {
            h.setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        }
    }
}
