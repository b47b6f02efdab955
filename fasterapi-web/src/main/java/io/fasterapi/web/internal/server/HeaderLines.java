package io.fasterapi.web.internal.server;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/**
 * Pre-encoded pieces of an HTTP/1.1 response head (RFC 9112 §4, §5): every status line, and the
 * fixed header lines. The plaintext profile spent a quarter of its time building Netty header maps,
 * validating them and encoding them again per response; these bytes are copied instead.
 */
final class HeaderLines {
    static final byte[] CRLF = {'\r', '\n'};
    static final byte[] COLON_SPACE = {':', ' '};
    static final byte[] CONTENT_LENGTH = ascii("content-length: ");
    static final byte[] CONNECTION_CLOSE = ascii("connection: close\r\n");
    static final byte[] CONNECTION_KEEP_ALIVE = ascii("connection: keep-alive\r\n");
    static final byte[] CONTENT_ENCODING_GZIP = ascii("content-encoding: gzip\r\n");
    static final byte[] REQUEST_ID = ascii("x-request-id: ");
    static final byte[] JSON = line("content-type", "application/json");
    static final byte[] TEXT = line("content-type", "text/plain; charset=utf-8");
    static final byte[] OCTETS = line("content-type", "application/octet-stream");
    private static final byte[][] STATUS_LINES = new byte[600][];

    static {
        for (int code = 100; code < 600; code++) {
            STATUS_LINES[code] = ascii("HTTP/1.1 " + HttpResponseStatus.valueOf(code) + "\r\n");
        }
    }

    private HeaderLines() {
    }

    /** {@code "HTTP/1.1 200 OK\r\n"} for {@code code} (100..599). */
    static byte[] statusLine(int code) {
        return STATUS_LINES[code];
    }

    /** {@code "name: value\r\n"}. */
    static byte[] line(String name, String value) {
        return ascii(name + ": " + value + "\r\n");
    }

    /**
     * The content-type line: pre-encoded for the types FasterAPI itself chooses (checking those per
     * response cost 8% of the plaintext profile), checked with {@link #check} for any other.
     */
    static byte[] contentType(String type) {
        return switch (type) {
            case "application/json" -> JSON;
            case "text/plain; charset=utf-8" -> TEXT;
            case "application/octet-stream" -> OCTETS;
            default -> {
                check("content-type", type);
                yield line("content-type", type);
            }
        };
    }

    /**
     * Rejects what Netty's header validation rejected: a name that is not an RFC 9110 token, a value
     * holding CR, LF or NUL (response splitting).
     */
    static void check(String name, String value) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty header name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 127 || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                throw new IllegalArgumentException("invalid header name: " + name);
            }
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("invalid value for header " + name);
            }
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
