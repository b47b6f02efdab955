package io.fasterapi.pg.internal.codec;

import io.netty.buffer.ByteBuf;

/** boolean: one byte in binary, {@code t}/{@code f} in text. */
final class BoolCodec implements Codec {
    static final BoolCodec INSTANCE = new BoolCodec();

    @Override
    public Object decodeBinary(int oid, ByteBuf buf, int index, int length) {
        return buf.getByte(index) != 0;
    }

    @Override
    public Object decodeText(int oid, ByteBuf buf, int index, int length) {
        return buf.getByte(index) == 't';
    }

    @Override
    public boolean canEncode(int oid, Object value) {
        return value instanceof Boolean;
    }

    @Override
    public void encodeBinary(int oid, Object value, ByteBuf out) {
        out.writeByte((Boolean) value ? 1 : 0);
    }
}
