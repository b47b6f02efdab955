package io.fasterapi.pg.internal.codec;

import io.fasterapi.pg.Json;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * json and jsonb as String (read them as {@link Json} with {@code row.get(i, Json.class)}); sent
 * from a {@link Json} or any CharSequence. json's binary form is its text; jsonb's (jsonb_send in
 * utils/adt/jsonb.c) is a version byte, 1, then the text.
 */
final class JsonCodec implements Codec, JavaTyped {
    static final JsonCodec INSTANCE = new JsonCodec();
    private static final int JSONB_VERSION = 1;

    @Override
    public Object decodeBinary(int oid, ByteBuf buf, int index, int length) {
        if (oid == Oids.JSONB) {
            int version = buf.getByte(index);
            if (version != JSONB_VERSION) {
                throw new IllegalArgumentException("unknown jsonb binary version " + version);
            }
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
        return value instanceof Json || value instanceof CharSequence;
    }

    @Override
    public void encodeBinary(int oid, Object value, ByteBuf out) {
        if (oid == Oids.JSONB) {
            out.writeByte(JSONB_VERSION);
        }
        Utf8Text.write(value instanceof Json j ? j.text() : (CharSequence) value, out);
    }

    @Override
    public Class<?> javaType(int oid) {
        return String.class;
    }
}
