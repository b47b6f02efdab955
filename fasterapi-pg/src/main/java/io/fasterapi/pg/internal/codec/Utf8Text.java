package io.fasterapi.pg.internal.codec;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * Writes a Java string as UTF-8 and refuses one holding a lone UTF-16 surrogate (a high surrogate
 * not followed by a low one, or a low one alone, as in {@code "a\ud800b"}). Such a string has no
 * UTF-8 form: Netty's and the JDK's encoders silently write {@code ?} in its place, so PostgreSQL
 * would store {@code a?b}. A NUL needs no check here: the server refuses it (22021).
 *
 * <p>The check is folded into the one encoding loop (a surrogate is the rare branch), which writes
 * through the buffer's internal NIO view: no second scan of the string, no copy. Any thread; the
 * caller owns {@code out}.
 */
public final class Utf8Text {
    /**
     * The SQLSTATE of the refusal, character_not_in_repertoire: what PostgreSQL itself answers for text
     * that is not valid in the encoding (and for a NUL), so callers (the web layer's 400) treat both alike.
     */
    public static final String SQLSTATE = "22021";

    private Utf8Text() {
    }

    /** The refusal of a string with a lone surrogate; codecs wrapping it keep it as the cause. */
    public static final class LoneSurrogateException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        LoneSurrogateException(String message) {
            super(message);
        }
    }

    /** Whether {@code e} or one of its causes is a {@link LoneSurrogateException}. */
    public static boolean isLoneSurrogate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LoneSurrogateException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Appends {@code s} to {@code out} as UTF-8 and returns the number of bytes written.
     *
     * @throws IllegalArgumentException naming the index of a lone surrogate; then nothing was written
     */
    public static int write(CharSequence s, ByteBuf out) {
        int len = s.length();
        int max = len * 3; // a char is at most 3 bytes; a pair (2 chars) is 4
        out.ensureWritable(max);
        int start = out.writerIndex();
        int written;
        if (out.nioBufferCount() == 1) {
            ByteBuffer view = out.internalNioBuffer(start, max);
            written = encode(s, len, view, view.position());
        } else {
            byte[] bytes = new byte[max];
            written = encode(s, len, ByteBuffer.wrap(bytes), 0);
            out.setBytes(start, bytes, 0, written);
        }
        out.writerIndex(start + written);
        return written;
    }

    /** Encodes {@code s} into {@code to} from absolute index {@code at}; the count of bytes written. */
    private static int encode(CharSequence s, int len, ByteBuffer to, int at) {
        int w = at;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                to.put(w++, (byte) c);
            } else if (c < 0x800) {
                to.put(w++, (byte) (0xC0 | c >> 6));
                to.put(w++, (byte) (0x80 | c & 0x3F));
            } else if (!Character.isSurrogate(c)) {
                to.put(w++, (byte) (0xE0 | c >> 12));
                to.put(w++, (byte) (0x80 | c >> 6 & 0x3F));
                to.put(w++, (byte) (0x80 | c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                to.put(w++, (byte) (0xF0 | cp >> 18));
                to.put(w++, (byte) (0x80 | cp >> 12 & 0x3F));
                to.put(w++, (byte) (0x80 | cp >> 6 & 0x3F));
                to.put(w++, (byte) (0x80 | cp & 0x3F));
            } else {
                throw loneSurrogate(c, i);
            }
        }
        return w - at;
    }

    private static LoneSurrogateException loneSurrogate(char c, int index) {
        return new LoneSurrogateException(String.format("the string holds a lone UTF-16 surrogate \\u%04X at char"
                + " index %d, which has no UTF-8 form (it would reach the server as '?'); pass whole surrogate pairs,"
                + " or bytes as bytea", (int) c, index));
    }
}
