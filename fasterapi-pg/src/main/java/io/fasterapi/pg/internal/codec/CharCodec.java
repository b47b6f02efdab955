package io.fasterapi.pg.internal.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The one-byte {@code "char"} type (used by the catalogs) as a String of at most one character:
 * the byte as a Latin-1 character, and the zero byte as the empty string (how the server prints
 * it). Binary layout (charsend in utils/adt/char.c): the single byte. Bytes with the high bit set
 * are printed by the server as {@code \ooo} octal escapes in text, which decodeText undoes.
 */
final class CharCodec implements Codec, JavaTyped {
    static final CharCodec INSTANCE = new CharCodec();

    @Override
    public Object decodeBinary(int oid, ByteBuf buf, int index, int length) {
        return ofByte(length == 0 ? 0 : buf.getUnsignedByte(index));
    }

    private static String ofByte(int b) {
        return b == 0 ? "" : String.valueOf((char) b);
    }

    @Override
    public Object decodeText(int oid, ByteBuf buf, int index, int length) {
        String s = buf.toString(index, length, StandardCharsets.UTF_8);
        if (s.length() == 4 && s.charAt(0) == '\\') {
            return ofByte(Integer.parseInt(s, 1, 4, 8));
        }
        return s;
    }

    @Override
    public boolean canEncode(int oid, Object value) {
        return value instanceof Character || value instanceof CharSequence;
    }

    @Override
    public void encodeBinary(int oid, Object value, ByteBuf out) {
        CharSequence s = value instanceof Character c ? String.valueOf(c) : (CharSequence) value;
        // Refuse rather than truncate: the server's text input would silently keep the first byte.
        if (s.length() > 1 || (s.length() == 1 && s.charAt(0) > 0xFF)) {
            throw new IllegalArgumentException("\"char\" holds one Latin-1 character, not '" + s + "'");
        }
        out.writeByte(s.isEmpty() ? 0 : s.charAt(0));
    }

    @Override
    public Class<?> javaType(int oid) {
        return String.class;
    }
}
