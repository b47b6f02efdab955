package io.fasterapi.web.internal.server;

import io.fasterapi.web.Response;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponse;

/**
 * A response ready for the wire: a {@link FullHttpResponse} (body encoded, possibly on a virtual
 * thread), or the head of a streamed response and the {@link Response} holding its body source.
 */
final class EncodedResponse {
    private final HttpResponse head;
    private final Response streamed;

    private EncodedResponse(HttpResponse head, Response streamed) {
        this.head = head;
        this.streamed = streamed;
    }

    static EncodedResponse full(FullHttpResponse response) {
        return new EncodedResponse(response, null);
    }

    static EncodedResponse streamed(HttpResponse head, Response source) {
        return new EncodedResponse(head, source);
    }

    HttpResponse head() {
        return head;
    }

    /** The response whose body streams after the head, or null for a full response. */
    Response streamed() {
        return streamed;
    }

    int status() {
        return head.status().code();
    }

    /** Frees the body of a response that will not be written. */
    void release() {
        if (head instanceof FullHttpResponse f && f.refCnt() > 0) {
            f.release();
        }
    }
}
