package io.fasterapi.web.internal.form;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.multipart.HttpPostMultipartRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import java.util.List;

/**
 * A decoded {@code multipart/form-data} request: an empty-bodied full request carrying its parts.
 * Releasing it (the server does once the response was handed over) destroys the decoder, which frees
 * in-memory parts and deletes the temporary files of spooled ones. Loop only, except reads of the
 * parts by the handler in between.
 */
final class MultipartRequest extends DefaultFullHttpRequest {
    private final List<InterfaceHttpData> parts;
    private final HttpPostMultipartRequestDecoder decoder;

    MultipartRequest(HttpRequest head, HttpHeaders trailers, List<InterfaceHttpData> parts,
                     HttpPostMultipartRequestDecoder decoder) {
        // A real (releasable) empty buffer: release() must report the last release to clean up.
        super(head.protocolVersion(), head.method(), head.uri(), Unpooled.buffer(0), head.headers(), trailers);
        setDecoderResult(head.decoderResult());
        this.parts = parts;
        this.decoder = decoder;
    }

    /** The parts in request order. */
    List<InterfaceHttpData> parts() {
        return parts;
    }

    @Override
    public boolean release() {
        return cleanUpIf(super.release());
    }

    @Override
    public boolean release(int decrement) {
        return cleanUpIf(super.release(decrement));
    }

    private boolean cleanUpIf(boolean freed) {
        if (freed) {
            decoder.destroy();
        }
        return freed;
    }
}
