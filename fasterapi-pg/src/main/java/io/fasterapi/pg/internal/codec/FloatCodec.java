package io.fasterapi.pg.internal.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** real and double precision, with NaN, the infinities and -0.0 kept exactly. */
final class FloatCodec implements Codec {
    static final FloatCodec INSTANCE = new FloatCodec();

    @Override
    public Object decodeBinary(int oid, ByteBuf buf, int index, int length) {
        return oid == Oids.FLOAT4 ? (Object) buf.getFloat(index) : (Object) buf.getDouble(index);
    }

    @Override
    public Object decodeText(int oid, ByteBuf buf, int index, int length) {
        String s = buf.toString(index, length, StandardCharsets.US_ASCII);
        return oid == Oids.FLOAT4 ? (Object) Float.parseFloat(s) : (Object) Double.parseDouble(s);
    }

    @Override
    public boolean canEncode(int oid, Object value) {
        return value instanceof Double || value instanceof Float || value instanceof Integer
                || value instanceof Long || value instanceof Short;
    }

    @Override
    public void encodeBinary(int oid, Object value, ByteBuf out) {
        Number n = (Number) value;
        if (oid == Oids.FLOAT4) {
            out.writeFloat(n.floatValue());
        } else {
            out.writeDouble(n.doubleValue());
        }
    }
}
