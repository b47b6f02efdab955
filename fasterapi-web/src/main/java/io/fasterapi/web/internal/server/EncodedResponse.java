package io.fasterapi.web.internal.server;

import io.fasterapi.web.Response;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponse;
import java.util.List;

/**
 * A response ready for the wire. Either full: its status, header lines and body (encoded, possibly on
 * a virtual thread), written as bytes by {@link #writeHead} on the loop, where the connection adds
 * its {@code Connection} header; or the head of a streamed response (a Netty object, through Netty's
 * encoder) and the {@link Response} holding its body source.
 */
final class EncodedResponse {
    /** How the connection answers keep-alive in this response's head. */
    enum ConnectionHeader { NONE, CLOSE, KEEP_ALIVE }

    private final int status;
    private final ResponseEncoder encoder; // writes the status line, date and server
    private final byte[] contentTypeLine;
    private final List<String> extraHeaders;
    private final String requestId;
    private final ByteBuf body; // null: no body, or bytes
    private final byte[] bytes; // a byte[] body, copied into the batch without a wrapping ByteBuf
    private final long contentLength; // -1: no content-length header (1xx, 204, 304)
    private final boolean gzipped;
    private final boolean headOnly;
    private final HttpResponse streamedHead;
    private final Response streamed;

    private EncodedResponse(int status, ResponseEncoder encoder, byte[] contentTypeLine, List<String> extraHeaders,
                            String requestId, ByteBuf body, byte[] bytes, long contentLength, boolean gzipped,
                            boolean headOnly, HttpResponse streamedHead, Response streamed) {
        this.status = status;
        this.encoder = encoder;
        this.contentTypeLine = contentTypeLine;
        this.extraHeaders = extraHeaders;
        this.requestId = requestId;
        this.body = body;
        this.bytes = bytes;
        this.contentLength = contentLength;
        this.gzipped = gzipped;
        this.headOnly = headOnly;
        this.streamedHead = streamedHead;
        this.streamed = streamed;
    }

    static EncodedResponse full(int status, ResponseEncoder encoder, byte[] contentTypeLine, List<String> extraHeaders,
                                String requestId, ByteBuf body, long contentLength, boolean gzipped, boolean headOnly) {
        return new EncodedResponse(status, encoder, contentTypeLine, extraHeaders, requestId, body, null,
                contentLength, gzipped, headOnly, null, null);
    }

    static EncodedResponse bytes(int status, ResponseEncoder encoder, byte[] contentTypeLine, List<String> extraHeaders,
                                 String requestId, byte[] body, boolean headOnly) {
        return new EncodedResponse(status, encoder, contentTypeLine, extraHeaders, requestId, null, body, body.length,
                false, headOnly, null, null);
    }

    static EncodedResponse streamed(HttpResponse head, Response source) {
        return new EncodedResponse(head.status().code(), null, null, List.of(), null, null, null, -1, false, false,
                head, source);
    }

    /** Writes the status line and headers, ending with the blank line, assembled in {@code head}. Loop only. */
    void writeHead(ByteBuf out, ConnectionHeader connection, HeadBuffer head) {
        head.clear();
        encoder.writeHeadStart(head, status);
        head.put(HeaderLines.REQUEST_ID).put(requestId).put(HeaderLines.CRLF);
        if (contentTypeLine != null) {
            head.put(contentTypeLine);
        }
        if (gzipped) {
            head.put(HeaderLines.CONTENT_ENCODING_GZIP);
        }
        for (int i = 0; i < extraHeaders.size(); i += 2) {
            head.put(extraHeaders.get(i)).put(HeaderLines.COLON_SPACE).put(extraHeaders.get(i + 1)).put(HeaderLines.CRLF);
        }
        if (contentLength >= 0) {
            head.put(HeaderLines.CONTENT_LENGTH).putDecimal(contentLength).put(HeaderLines.CRLF);
        }
        switch (connection) {
            case CLOSE -> head.put(HeaderLines.CONNECTION_CLOSE);
            case KEEP_ALIVE -> head.put(HeaderLines.CONNECTION_KEEP_ALIVE);
            case NONE -> {
            }
        }
        head.put(HeaderLines.CRLF).copyTo(out);
    }

    /**
     * Writes the whole response into {@code out}, saying {@code Connection: close}: a refusal sent on its
     * own before the connection closes. Takes the body.
     */
    void writeClosing(ByteBuf out, HeadBuffer head) {
        writeHead(out, ConnectionHeader.CLOSE, head);
        byte[] bytes = bytesBody();
        if (bytes != null) {
            out.writeBytes(bytes);
        }
        ByteBuf body = takeBody();
        if (body != null) {
            out.writeBytes(body);
            body.release();
        }
    }

    /** A byte[] body to send after the head, or null (see {@link #takeBody}); never for a HEAD request. */
    byte[] bytesBody() {
        return headOnly ? null : bytes;
    }

    /** The body to send after the head, or null (none, bytes, or a HEAD request's). Ownership passes to the caller. */
    ByteBuf takeBody() {
        if (body == null) {
            return null;
        }
        if (headOnly) {
            body.release();
            return null;
        }
        return body;
    }

    /** The Netty head of a streamed response (it goes through Netty's encoder). */
    HttpResponse streamedHead() {
        return streamedHead;
    }

    /** The response whose body streams after the head, or null for a full response. */
    Response streamed() {
        return streamed;
    }

    int status() {
        return status;
    }

    /** The length of the body a full response sends (0 for none and for a HEAD request's), for the access log. */
    long sentBodyLength() {
        return headOnly || contentLength < 0 ? 0 : contentLength;
    }

    /** Frees the body of a response that will not be written. */
    void release() {
        if (body != null && body.refCnt() > 0) {
            body.release();
        }
    }
}
