package io.fasterapi.pg.internal.codec;

import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * smallint, integer, bigint and oid, decoded to Short, Integer, Long and Long (oid is unsigned).
 * Any integral Java number is accepted as a parameter if it fits; one that does not fit fails
 * rather than wrap.
 */
final class IntegerCodec implements Codec {
    static final IntegerCodec INSTANCE = new IntegerCodec();

    @Override
    public Object decodeBinary(int oid, ByteBuf buf, int index, int length) {
        return switch (oid) {
            case Oids.INT2 -> buf.getShort(index);
            case Oids.INT4 -> buf.getInt(index);
            case Oids.OID -> buf.getUnsignedInt(index);
            default -> buf.getLong(index);
        };
    }

    @Override
    public Object decodeText(int oid, ByteBuf buf, int index, int length) {
        long v = parseLong(buf, index, length);
        return switch (oid) {
            case Oids.INT2 -> (short) v;
            case Oids.INT4 -> (int) v;
            default -> v;
        };
    }

    static long parseLong(ByteBuf buf, int index, int length) {
        int end = index + length;
        boolean negative = buf.getByte(index) == '-';
        long v = 0;
        for (int i = negative ? index + 1 : index; i < end; i++) {
            // Accumulate negatively so Long.MIN_VALUE parses without overflow.
            v = v * 10 - (buf.getByte(i) - '0');
        }
        return negative ? v : -v;
    }

    @Override
    public boolean canEncode(int oid, Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger
                || (value instanceof BigDecimal bd && bd.stripTrailingZeros().scale() <= 0);
    }

    @Override
    public void encodeBinary(int oid, Object value, ByteBuf out) {
        long v = toLong(value, oid);
        switch (oid) {
            case Oids.INT2 -> {
                check(v, Short.MIN_VALUE, Short.MAX_VALUE, oid, value);
                out.writeShort((int) v);
            }
            case Oids.INT4 -> {
                check(v, Integer.MIN_VALUE, Integer.MAX_VALUE, oid, value);
                out.writeInt((int) v);
            }
            case Oids.OID -> {
                check(v, 0, 0xFFFF_FFFFL, oid, value);
                out.writeInt((int) v);
            }
            default -> out.writeLong(v);
        }
    }

    private static long toLong(Object value, int oid) {
        try {
            if (value instanceof BigInteger bi) {
                return bi.longValueExact();
            }
            if (value instanceof BigDecimal bd) {
                return bd.toBigIntegerExact().longValueExact();
            }
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(value + " does not fit " + Oids.name(oid));
        }
        return ((Number) value).longValue();
    }

    private static void check(long v, long min, long max, int oid, Object value) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(value + " does not fit " + Oids.name(oid));
        }
    }
}
