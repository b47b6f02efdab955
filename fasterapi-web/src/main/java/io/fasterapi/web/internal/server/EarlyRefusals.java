package io.fasterapi.web.internal.server;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** The responses for requests refused before a handler sees them (their body is too large). */
final class EarlyRefusals {
    private static final byte[] TOO_LARGE = "{\"detail\":\"Request body too large\"}".getBytes(StandardCharsets.UTF_8);

    private EarlyRefusals() {
    }

    /** 413 with a JSON detail; {@code Connection: close} when the connection closes after it. */
    static FullHttpResponse tooLarge(ByteBufAllocator alloc, boolean close) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, alloc.buffer(TOO_LARGE.length).writeBytes(TOO_LARGE));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, TOO_LARGE.length);
        if (close) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return r;
    }
}
