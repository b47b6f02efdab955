package io.fasterapi.web.internal.server;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable array in which a response head is assembled with plain array copies, then copied into
 * the outbound buffer at once. Why: written piece by piece into the direct outbound buffer, the head
 * cost 14% of the plaintext profile (a bounds check, {@code ensureWritable} and a
 * {@code ByteBuffer.putArray} per piece). One per connection; loop only.
 */
final class HeadBuffer {
    private byte[] bytes = new byte[512];
    private int size;

    HeadBuffer clear() {
        size = 0;
        return this;
    }

    HeadBuffer put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
        return this;
    }

    /** Appends {@code s}: one byte per char when it is ASCII, else its UTF-8. */
    HeadBuffer put(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return put(s.substring(i).getBytes(StandardCharsets.UTF_8));
            }
            bytes[size++] = (byte) c;
        }
        return this;
    }

    /** Appends a non-negative decimal number. */
    HeadBuffer putDecimal(long n) {
        int digits = 1;
        for (long t = n / 10; t > 0; t /= 10) {
            digits++;
        }
        ensure(digits);
        for (int i = size + digits - 1; i >= size; i--) {
            bytes[i] = (byte) ('0' + (int) (n % 10));
            n /= 10;
        }
        size += digits;
        return this;
    }

    void copyTo(ByteBuf out) {
        out.writeBytes(bytes, 0, size);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, size, StandardCharsets.ISO_8859_1);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
