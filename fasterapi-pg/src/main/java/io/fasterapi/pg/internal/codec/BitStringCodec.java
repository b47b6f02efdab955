package io.fasterapi.pg.internal.codec;

import io.fasterapi.pg.BitString;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * bit and varbit as {@link BitString}. Binary layout (bit_send in utils/adt/varbit.c): int32 bit
 * length, then the bits packed most significant first, padded with zeros to whole bytes. A
 * {@code bit(n)} parameter must have exactly n bits (the server checks).
 */
final class BitStringCodec implements Codec, JavaTyped {
    static final BitStringCodec INSTANCE = new BitStringCodec();

    @Override
    public Object decodeBinary(int oid, ByteBuf buf, int index, int length) {
        int bits = buf.getInt(index);
        byte[] b = new byte[length - 4];
        buf.getBytes(index + 4, b);
        return BitString.ofPacked(bits, b);
    }

    @Override
    public Object decodeText(int oid, ByteBuf buf, int index, int length) {
        return BitString.of(buf.toString(index, length, StandardCharsets.US_ASCII));
    }

    @Override
    public boolean canEncode(int oid, Object value) {
        return value instanceof BitString;
    }

    @Override
    public void encodeBinary(int oid, Object value, ByteBuf out) {
        BitString b = (BitString) value;
        out.writeInt(b.length()).writeBytes(b.toPackedBytes());
    }

    @Override
    public Class<?> javaType(int oid) {
        return BitString.class;
    }
}
