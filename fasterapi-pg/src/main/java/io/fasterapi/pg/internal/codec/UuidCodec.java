package io.fasterapi.pg.internal.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** uuid as {@link UUID}: 16 bytes, most significant first. */
final class UuidCodec implements Codec {
    static final UuidCodec INSTANCE = new UuidCodec();

    @Override
    public Object decodeBinary(int oid, ByteBuf buf, int index, int length) {
        return new UUID(buf.getLong(index), buf.getLong(index + 8));
    }

    @Override
    public Object decodeText(int oid, ByteBuf buf, int index, int length) {
        return UUID.fromString(buf.toString(index, length, StandardCharsets.US_ASCII));
    }

    @Override
    public boolean canEncode(int oid, Object value) {
        return value instanceof UUID;
    }

    @Override
    public void encodeBinary(int oid, Object value, ByteBuf out) {
        UUID u = (UUID) value;
        out.writeLong(u.getMostSignificantBits()).writeLong(u.getLeastSignificantBits());
    }
}
