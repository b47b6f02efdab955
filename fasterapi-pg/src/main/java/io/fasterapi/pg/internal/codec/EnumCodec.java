package io.fasterapi.pg.internal.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Enum types (OIDs differ per database) as the label String; {@code row.get(i, MyEnum.class)}
 * maps it onto a Java enum by name. Sent from a Java enum (by {@link Enum#name()}) or a String.
 * Binary layout (enum_send in utils/adt/enum.c): the label's text, no length prefix of its own.
 */
final class EnumCodec implements Codec, JavaTyped {
    static final EnumCodec INSTANCE = new EnumCodec();

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
        return value instanceof Enum<?> || value instanceof CharSequence;
    }

    @Override
    public void encodeBinary(int oid, Object value, ByteBuf out) {
        Utf8Text.write(value instanceof Enum<?> e ? e.name() : (CharSequence) value, out);
    }

    @Override
    public Class<?> javaType(int oid) {
        return String.class;
    }
}
