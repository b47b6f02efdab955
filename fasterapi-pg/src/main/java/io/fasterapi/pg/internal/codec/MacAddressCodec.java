package io.fasterapi.pg.internal.codec;

import io.fasterapi.pg.MacAddress;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * macaddr (6 bytes) and macaddr8 (8 bytes) as {@link MacAddress}. Binary layout (macaddr_send in
 * utils/adt/mac.c, macaddr8_send in mac8.c): the bytes in order. macaddr8_recv also takes 6 bytes
 * and widens them, so a 6-byte address may go to a macaddr8 parameter.
 */
final class MacAddressCodec implements Codec, JavaTyped {
    static final MacAddressCodec INSTANCE = new MacAddressCodec();

    @Override
    public Object decodeBinary(int oid, ByteBuf buf, int index, int length) {
        byte[] b = new byte[length];
        buf.getBytes(index, b);
        return MacAddress.of(b);
    }

    @Override
    public Object decodeText(int oid, ByteBuf buf, int index, int length) {
        return MacAddress.parse(buf.toString(index, length, StandardCharsets.US_ASCII));
    }

    @Override
    public boolean canEncode(int oid, Object value) {
        return value instanceof MacAddress;
    }

    @Override
    public void encodeBinary(int oid, Object value, ByteBuf out) {
        MacAddress m = (MacAddress) value;
        if (oid == Oids.MACADDR && m.length() != 6) {
            throw new IllegalArgumentException("macaddr holds 6 bytes; " + m + " needs macaddr8");
        }
        out.writeBytes(m.bytes());
    }

    @Override
    public Class<?> javaType(int oid) {
        return MacAddress.class;
    }
}
