package io.fasterapi.pg.internal.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The text-like types (text, varchar, bpchar, name, unknown, xml) as String, and the text fallback
 * for every type without a codec of its own. ("char" has {@link CharCodec}, json and jsonb
 * {@link JsonCodec}.)
 */
final class TextCodec implements Codec {
    static final TextCodec INSTANCE = new TextCodec();

    @Override
    public Object decodeBinary(int oid, ByteBuf buf, int index, int length) {
        return buf.toString(index, length, StandardCharsets.UTF_8);
    }

    @Override
    public Object decodeText(int oid, ByteBuf buf, int index, int length) {
        return buf.toString(index, length, StandardCharsets.UTF_8);
    }

    @Override
    public boolean canEncode(int oid, Object value) {
        return value instanceof CharSequence || value instanceof Character;
    }

    @Override
    public void encodeBinary(int oid, Object value, ByteBuf out) {
        Utf8Text.write(value instanceof CharSequence cs ? cs : value.toString(), out);
    }
}
