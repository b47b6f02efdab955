package io.fasterapi.pg.internal.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The text-like types (text, varchar, bpchar, name, "char", unknown, xml, json, jsonb) as String,
 * and the text fallback for every type without a codec of its own. jsonb's binary form is a version
 * byte (1) followed by the JSON text.
 */
final class TextCodec implements Codec {
    static final TextCodec INSTANCE = new TextCodec();
    private static final int JSONB_VERSION = 1;

    @Override
    public Object decodeBinary(int oid, ByteBuf buf, int index, int length) {
        if (oid == Oids.JSONB) {
            return buf.toString(index + 1, length - 1, StandardCharsets.UTF_8);
        }
        return buf.toString(index, length, StandardCharsets.UTF_8);
    }

    @Override
    public Object decodeText(int oid, ByteBuf buf, int index, int length) {
        return buf.toString(index, length, StandardCharsets.UTF_8);
    }

    @Override
    public boolean canEncode(int oid, Object value) {
        return value instanceof CharSequence || (oid != Oids.JSON && oid != Oids.JSONB && value instanceof Character);
    }

    @Override
    public void encodeBinary(int oid, Object value, ByteBuf out) {
        if (oid == Oids.JSONB) {
            out.writeByte(JSONB_VERSION);
        }
        out.writeCharSequence(value.toString(), StandardCharsets.UTF_8);
    }
}
