package io.fasterapi.pg.internal.codec;

import io.netty.buffer.ByteBuf;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * money as a {@link Long} count of the currency's minor units (cents for most locales). Binary
 * layout (cash_send in utils/adt/cash.c): one int64. It is not decoded to a BigDecimal because the
 * number of fraction digits depends on the server's {@code lc_monetary}, which the wire does not
 * carry; a guessed scale could be a wrong value. Integral Java numbers are sent as minor units. The
 * simple protocol's text form (locale-formatted, such as {@code $1,234.56}) decodes to a String.
 */
final class MoneyCodec implements Codec, JavaTyped {
    static final MoneyCodec INSTANCE = new MoneyCodec();

    @Override
    public Object decodeBinary(int oid, ByteBuf buf, int index, int length) {
        return buf.getLong(index);
    }

    @Override
    public Object decodeText(int oid, ByteBuf buf, int index, int length) {
        return buf.toString(index, length, StandardCharsets.UTF_8);
    }

    @Override
    public boolean canEncode(int oid, Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof BigInteger;
    }

    @Override
    public void encodeBinary(int oid, Object value, ByteBuf out) {
        if (value instanceof BigInteger bi) {
            try {
                out.writeLong(bi.longValueExact());
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(bi + " minor units do not fit money");
            }
        } else {
            out.writeLong(((Number) value).longValue());
        }
    }

    @Override
    public Class<?> javaType(int oid) {
        return Long.class;
    }
}
