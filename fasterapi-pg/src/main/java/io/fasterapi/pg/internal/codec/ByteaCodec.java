package io.fasterapi.pg.internal.codec;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/** bytea as {@code byte[]}; the text form is the hex format ({@code \x0a1b...}, the default since 9.0). */
final class ByteaCodec implements Codec {
    static final ByteaCodec INSTANCE = new ByteaCodec();

    @Override
    public Object decodeBinary(int oid, ByteBuf buf, int index, int length) {
        byte[] out = new byte[length];
        buf.getBytes(index, out);
        return out;
    }

    @Override
    public Object decodeText(int oid, ByteBuf buf, int index, int length) {
        if (length < 2 || buf.getByte(index) != '\\' || buf.getByte(index + 1) != 'x') {
            throw new IllegalArgumentException("bytea text is not in hex format (set bytea_output = 'hex')");
        }
        byte[] out = new byte[(length - 2) / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(buf.getByte(index + 2 + 2 * i), 16);
            int lo = Character.digit(buf.getByte(index + 3 + 2 * i), 16);
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    @Override
    public boolean canEncode(int oid, Object value) {
        return value instanceof byte[] || value instanceof ByteBuffer;
    }

    @Override
    public void encodeBinary(int oid, Object value, ByteBuf out) {
        if (value instanceof byte[] b) {
            out.writeBytes(b);
        } else {
            out.writeBytes(((ByteBuffer) value).duplicate());
        }
    }
}
