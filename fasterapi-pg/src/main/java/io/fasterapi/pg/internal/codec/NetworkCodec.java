package io.fasterapi.pg.internal.codec;

import io.fasterapi.pg.Inet;
import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * inet and cidr as {@link Inet}; a plain {@link InetAddress} is sent as a host address. Binary
 * layout (network_send in utils/adt/network.c): family byte (PGSQL_AF_INET = 2, PGSQL_AF_INET6 =
 * 3), prefix bits, an is-cidr byte, the address length (4 or 16), then the address. The server's
 * receive function ignores the is-cidr byte and checks a cidr's host bits itself. The simple
 * protocol's text form decodes to an Inet too.
 */
final class NetworkCodec implements Codec, JavaTyped {
    static final NetworkCodec INSTANCE = new NetworkCodec();
    private static final int PGSQL_AF_INET = 2;
    private static final int PGSQL_AF_INET6 = 3;

    @Override
    public Object decodeBinary(int oid, ByteBuf buf, int index, int length) {
        int family = buf.getUnsignedByte(index);
        int bits = buf.getUnsignedByte(index + 1);
        int size = buf.getUnsignedByte(index + 3);
        if ((family == PGSQL_AF_INET && size != 4) || (family == PGSQL_AF_INET6 && size != 16)) {
            throw new IllegalArgumentException("inet family " + family + " with a " + size + "-byte address");
        }
        byte[] address = new byte[size];
        buf.getBytes(index + 4, address);
        return new Inet(Inet.address(address), bits);
    }

    @Override
    public Object decodeText(int oid, ByteBuf buf, int index, int length) {
        return Inet.parse(buf.toString(index, length, StandardCharsets.US_ASCII));
    }

    @Override
    public boolean canEncode(int oid, Object value) {
        return value instanceof Inet || value instanceof InetAddress;
    }

    @Override
    public void encodeBinary(int oid, Object value, ByteBuf out) {
        Inet inet = value instanceof InetAddress a ? Inet.of(a) : (Inet) value;
        byte[] address = inet.address().getAddress();
        out.writeByte(address.length == 4 ? PGSQL_AF_INET : PGSQL_AF_INET6)
                .writeByte(inet.prefixLength())
                .writeByte(oid == Oids.CIDR ? 1 : 0)
                .writeByte(address.length)
                .writeBytes(address);
    }

    @Override
    public Class<?> javaType(int oid) {
        return Inet.class;
    }
}
