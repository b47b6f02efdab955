package io.fasterapi.web.internal.server;

import io.fasterapi.web.Response;
import io.fasterapi.web.internal.json.JsonMapping;
import io.fasterapi.web.internal.json.JsonValueWriter;
import io.fasterapi.web.internal.json.ModelBodies;
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
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Encodes a {@link Response} for the wire: JSON is written by Jackson straight into a pooled outbound
 * {@link ByteBuf} (no intermediate byte array); the head's lines ({@code Date}, {@code Server},
 * {@code X-Request-Id}, {@code Content-Type}, {@code Content-Length}) are pre-encoded bytes copied by
 * {@link EncodedResponse#writeHead}; a body of at least the compression threshold is gzipped when
 * the client accepts it, with the app's {@link JsonMapping}; a HEAD request keeps the headers of its GET response without the body.
 * Streamed bodies are never compressed, so each chunk reaches the client when written. Any thread
 * (the allocator is thread-safe).
 */
final class ResponseEncoder {
    static final AsciiString X_REQUEST_ID = AsciiString.cached("x-request-id");
    private static final AsciiString APPLICATION_JSON = AsciiString.cached("application/json");
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private final AsciiString serverName;
    private final byte[] serverLine;
    private final int compressionThreshold;
    private final JsonMapping json;
    private volatile OkHeadStart okHeadStart = new OkHeadStart(new byte[0], new byte[0]);

    // "HTTP/1.1 200 OK", date and server as one array, rebuilt when the date changes (once a second):
    // one copy instead of three per response.
    private record OkHeadStart(byte[] dateLine, byte[] bytes) {
    }

    ResponseEncoder(String serverName, int compressionThreshold, JsonMapping json) {
        this.json = json;
        this.serverName = AsciiString.cached(serverName);
        this.serverLine = HeaderLines.line("server", serverName);
        this.compressionThreshold = compressionThreshold;
    }

    /**
     * Encodes {@code r}; {@code acceptEncoding} is the request's {@code Accept-Encoding} (or null).
     * Throws {@link IllegalArgumentException} for a header that would break the head.
     */
    EncodedResponse encode(Response r, String requestId, ByteBufAllocator alloc, boolean head, String acceptEncoding) {
        int status = r.status();
        boolean noBody = status == 204 || status == 304 || status < 200;
        if (r.bodyKind() == Response.BodyKind.PUBLISHER || r.bodyKind() == Response.BodyKind.WRITER) {
            return streamed(r, requestId, head);
        }
        List<String> extra = r.headerList();
        boolean userEncoding = false;
        for (int i = 0; i < extra.size(); i += 2) {
            HeaderLines.check(extra.get(i), extra.get(i + 1));
            userEncoding |= extra.get(i).equalsIgnoreCase("content-encoding");
        }
        byte[] contentType = null;
        if (r.contentType() != null && r.bodyKind() != Response.BodyKind.EMPTY) {
            contentType = HeaderLines.contentType(r.contentType());
        }
        if (noBody) {
            return EncodedResponse.full(status, this, contentType, extra, requestId, null, -1, false, head);
        }
        boolean compress = compressionThreshold >= 0 && !userEncoding;
        if (r.bodyKind() == Response.BodyKind.BYTES) {
            byte[] bytes = (byte[]) r.body();
            if (!compress || bytes.length < compressionThreshold || !AcceptEncoding.acceptsGzip(acceptEncoding)) {
                return EncodedResponse.bytes(status, this, contentType, extra, requestId, bytes, head);
            }
        }
        ByteBuf content = body(r, alloc);
        boolean gzip = false;
        if (content != null && compress && content.readableBytes() >= compressionThreshold
                && AcceptEncoding.acceptsGzip(acceptEncoding)) {
            content = gzip(content, alloc);
            gzip = true;
        }
        long length = content == null ? 0 : content.readableBytes();
        return EncodedResponse.full(status, this, contentType, extra, requestId, content, length, gzip, head);
    }

    /** Writes the status line, {@code Date} and {@code Server}. Any thread. */
    void writeHeadStart(HeadBuffer out, int status) {
        byte[] dateLine = HttpDates.headerLine();
        if (status != 200) {
            out.put(HeaderLines.statusLine(status)).put(dateLine).put(serverLine);
            return;
        }
        OkHeadStart start = okHeadStart;
        if (start.dateLine != dateLine) {
            byte[] status200 = HeaderLines.statusLine(200);
            byte[] bytes = new byte[status200.length + dateLine.length + serverLine.length];
            System.arraycopy(status200, 0, bytes, 0, status200.length);
            System.arraycopy(dateLine, 0, bytes, status200.length, dateLine.length);
            System.arraycopy(serverLine, 0, bytes, status200.length + dateLine.length, serverLine.length);
            start = new OkHeadStart(dateLine, bytes);
            okHeadStart = start;
        }
        out.put(start.bytes);
    }

    private ByteBuf body(Response r, ByteBufAllocator alloc) {
        return switch (r.bodyKind()) {
            case BYTES -> Unpooled.wrappedBuffer((byte[]) r.body());
            case JSON -> {
                ByteBuf buf = alloc.buffer(256);
                try {
                    Object value = r.body();
                    OutputStream out = new ByteBufOutputStream(buf);
                    JsonValueWriter model = ModelBodies.writer(r);
                    if (value == null) {
                        buf.writeBytes(NULL);
                    } else if (model != null) {
                        model.write(out, value); // the route's response model: its properties only
                    } else {
                        json.writerFor(value.getClass()).write(out, value);
                    }
                } catch (RuntimeException e) {
                    buf.release();
                    throw e;
                }
                yield buf;
            }
            default -> null;
        };
    }

    private static ByteBuf gzip(ByteBuf content, ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer(content.readableBytes() / 4 + 64);
        try (OutputStream gz = new GZIPOutputStream(new ByteBufOutputStream(out), 8192)) {
            content.readBytes(gz, content.readableBytes());
        } catch (IOException e) {
            out.release();
            throw new UncheckedIOException(e);
        } finally {
            content.release();
        }
        return out;
    }

    private EncodedResponse streamed(Response r, String requestId, boolean head) {
        HttpResponseStatus status = HttpResponseStatus.valueOf(r.status());
        HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        HttpHeaders h = res.headers();
        h.set(HttpHeaderNames.DATE, HttpDates.now());
        h.set(HttpHeaderNames.SERVER, serverName);
        h.set(X_REQUEST_ID, requestId);
        if (r.contentType() != null) {
            h.set(HttpHeaderNames.CONTENT_TYPE, "application/json".equals(r.contentType()) ? APPLICATION_JSON
                    : r.contentType());
        }
        List<String> extra = r.headerList();
        for (int i = 0; i < extra.size(); i += 2) {
            h.add(extra.get(i), extra.get(i + 1));
        }
        h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        if (head) {
            FullHttpResponse empty = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
            empty.headers().set(h);
            return EncodedResponse.streamed(empty, null);
        }
        return EncodedResponse.streamed(res, r);
    }
}
