package io.fasterapi.web.internal.router;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Decodes {@code %XX} escapes of a URI path (RFC 3986 §2.1); {@code '+'} stays a plus, unlike forms. */
public final class PercentDecoder {
    private PercentDecoder() {
    }

    /** The decoded path; the same string when it holds no {@code '%'}. Malformed escapes are kept as written. */
    public static String decodePath(String s) {
        int first = s.indexOf('%');
        if (first < 0) {
            return s;
        }
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
