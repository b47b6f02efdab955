package io.fasterapi.web.internal.body;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.util.function.LongConsumer;

/**
 * A request whose route reads its body as a stream: an empty-bodied full request (it goes through
 * the rest of the pipeline like any other) carrying the {@link RequestBodyStream} its body arrives
 * in. Releasing it (the server does once the response was handed over) abandons the stream, so the
 * rest of the body is dropped, and reports the stream's peak of unread bytes. Loop only, except the
 * handler's reads of the stream.
 */
public final class StreamedRequest extends DefaultFullHttpRequest {
    private final RequestBodyStream body;
    private final LongConsumer peakBuffered;

    public StreamedRequest(HttpRequest head, RequestBodyStream body, LongConsumer peakBuffered) {
        // A real (releasable) empty buffer: release() must report the last release to clean up.
        super(head.protocolVersion(), head.method(), head.uri(), Unpooled.buffer(0), head.headers(),
                EmptyHttpHeaders.INSTANCE);
        setDecoderResult(head.decoderResult());
        this.body = body;
        this.peakBuffered = peakBuffered;
    }

    /** The body as it arrives. */
    public RequestBodyStream body() {
        return body;
    }

    @Override
    public boolean release() {
        return finishIf(super.release());
    }

    @Override
    public boolean release(int decrement) {
        return finishIf(super.release(decrement));
    }

    private boolean finishIf(boolean freed) {
        if (freed) {
            body.abandon();
            peakBuffered.accept(body.maxBuffered());
        }
        return freed;
    }
}
