package io.fasterapi.web.internal.server;

import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Answers {@code Expect: 100-continue} (RFC 9110 §10.1.1) before the body is sent: 100 when the
 * announced body fits {@code maxBodySize}, else 413 (the client then does not send it).
 */
final class ContinueHandler extends HttpServerExpectContinueHandler {
    private final long maxBodySize;

    ContinueHandler(long maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    @Override
    protected HttpResponse acceptMessage(HttpRequest request) {
        if (HttpUtil.getContentLength(request, -1L) > maxBodySize) {
            return null;
        }
        return super.acceptMessage(request);
    }

    @Override
    protected HttpResponse rejectResponse(HttpRequest request) {
        DefaultFullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        r.headers().set(HttpHeaderNames.CONNECTION, "close"); // the decoder still expects the unsent body
        return r;
    }
}
