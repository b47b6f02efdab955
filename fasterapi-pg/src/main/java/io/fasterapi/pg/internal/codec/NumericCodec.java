package io.fasterapi.pg.internal.codec;

import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * numeric as {@link BigDecimal}, scale preserved (the display scale {@code dscale} of the wire
 * value becomes the BigDecimal's scale, so {@code 1.50} stays {@code 1.50}).
 *
 * <p>Binary layout (numeric_send): int16 ndigits, int16 weight, int16 sign, int16 dscale, then
 * ndigits base-10000 digits, the first worth 10000^weight. BigDecimal has no NaN or infinity: the
 * special values decode to {@link Double#NaN}, {@link Double#POSITIVE_INFINITY} and
 * {@link Double#NEGATIVE_INFINITY} (asking for a BigDecimal then fails clearly), and those doubles
 * encode back to the special numerics.
 */
final class NumericCodec implements Codec {
    static final NumericCodec INSTANCE = new NumericCodec();

    private static final int POSITIVE = 0x0000;
    private static final int NEGATIVE = 0x4000;
    private static final int NAN = 0xC000;
    private static final int PINF = 0xD000;
    private static final int NINF = 0xF000;
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);
    /** Base-10000 groups that always fit a long: 10^20 does not, so five groups may or may not. */
    private static final int MAX_LONG_GROUPS = 5;
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    @Override
    public Object decodeBinary(int oid, ByteBuf buf, int index, int length) {
        int ndigits = buf.getUnsignedShort(index);
        int weight = buf.getShort(index + 2);
        int sign = buf.getUnsignedShort(index + 4);
        int dscale = buf.getUnsignedShort(index + 6);
        switch (sign) {
            case NAN -> {
                return Double.NaN;
            }
            case PINF -> {
                return Double.POSITIVE_INFINITY;
            }
            case NINF -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> { }
        }
        if (ndigits == 0) {
            return BigDecimal.ZERO.setScale(dscale);
        }
        boolean negative = sign == NEGATIVE;
        BigDecimal v = ndigits <= MAX_LONG_GROUPS ? decodeSmall(buf, index + 8, ndigits, weight, dscale, negative) : null;
        if (v == null) {
            v = decodeLarge(buf, index + 8, ndigits, weight, dscale);
            v = negative ? v.negate() : v;
        }
        return v;
    }

    /**
     * The common case without BigInteger: the base-10000 groups fit a long and so does the value
     * rescaled to {@code dscale}; then {@code BigDecimal.valueOf(unscaled, dscale)} is the whole
     * cost. Null when they do not fit (or the digits beyond dscale are not zeros, which no server
     * sends), and the general path decides.
     */
    private static BigDecimal decodeSmall(ByteBuf buf, int digitsAt, int ndigits, int weight, int dscale,
            boolean negative) {
        long unscaled = 0;
        for (int i = 0; i < ndigits; i++) {
            if (unscaled > (Long.MAX_VALUE - 9_999) / 10_000) {
                return null;
            }
            unscaled = unscaled * 10_000 + buf.getShort(digitsAt + 2 * i);
        }
        // The groups as an integer are worth 10^(4 * (weight - ndigits + 1)): that is scale4 decimal places.
        int scale4 = 4 * (ndigits - 1 - weight);
        int shift = dscale - scale4;
        if (shift > 0) {
            if (shift >= POWERS_OF_TEN.length || unscaled > Long.MAX_VALUE / POWERS_OF_TEN[shift]) {
                return null;
            }
            unscaled *= POWERS_OF_TEN[shift];
        } else if (shift < 0) {
            if (-shift >= POWERS_OF_TEN.length) {
                return null;
            }
            long p = POWERS_OF_TEN[-shift];
            if (unscaled % p != 0) {
                return null;
            }
            unscaled /= p;
        }
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, dscale);
    }

    private static BigDecimal decodeLarge(ByteBuf buf, int digitsAt, int ndigits, int weight, int dscale) {
        BigInteger unscaled = BigInteger.ZERO;
        for (int i = 0; i < ndigits; i++) {
            unscaled = unscaled.multiply(TEN_THOUSAND).add(BigInteger.valueOf(buf.getShort(digitsAt + 2 * i)));
        }
        BigDecimal v = new BigDecimal(unscaled).scaleByPowerOfTen(4 * (weight - ndigits + 1));
        // Digits beyond dscale are zeros on the wire, so this rescale is exact.
        return v.setScale(dscale, RoundingMode.UNNECESSARY);
    }

    @Override
    public Object decodeText(int oid, ByteBuf buf, int index, int length) {
        String s = buf.toString(index, length, StandardCharsets.US_ASCII);
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> new BigDecimal(s);
        };
    }

    @Override
    public boolean canEncode(int oid, Object value) {
        return value instanceof BigDecimal || value instanceof BigInteger || value instanceof Integer
                || value instanceof Long || value instanceof Short || value instanceof Double || value instanceof Float;
    }

    @Override
    public void encodeBinary(int oid, Object value, ByteBuf out) {
        BigDecimal bd;
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                out.writeShort(0).writeShort(0)
                        .writeShort(Double.isNaN(d) ? NAN : d > 0 ? PINF : NINF).writeShort(0);
                return;
            }
            bd = new BigDecimal(value.toString());
        } else if (value instanceof BigDecimal b) {
            bd = b;
        } else if (value instanceof BigInteger bi) {
            bd = new BigDecimal(bi);
        } else {
            bd = BigDecimal.valueOf(((Number) value).longValue());
        }
        writeBigDecimal(bd, out);
    }

    private static void writeBigDecimal(BigDecimal bd, ByteBuf out) {
        int sign = bd.signum() < 0 ? NEGATIVE : POSITIVE;
        if (bd.scale() < 0) {
            bd = bd.setScale(0);
        }
        int dscale = bd.scale();
        // Pad the scale to a multiple of 4 so the base-10000 groups align on the decimal point.
        int pad = (4 - dscale % 4) % 4;
        String digits = bd.unscaledValue().abs().toString() + "0".repeat(pad);
        int fracGroups = (dscale + pad) / 4;
        int lead = digits.length() % 4;
        int groupCount = (digits.length() + 3) / 4;
        short[] groups = new short[groupCount];
        int pos = 0;
        for (int g = 0; g < groupCount; g++) {
            int len = g == 0 && lead != 0 ? lead : 4;
            groups[g] = (short) Integer.parseInt(digits, pos, pos + len, 10);
            pos += len;
        }
        int weight = groupCount - fracGroups - 1;
        int first = 0;
        while (first < groupCount && groups[first] == 0) {
            first++;
            weight--;
        }
        int last = groupCount;
        while (last > first && groups[last - 1] == 0) {
            last--;
        }
        int ndigits = last - first;
        if (ndigits == 0) {
            weight = 0;
            sign = POSITIVE;
        }
        out.writeShort(ndigits).writeShort(weight).writeShort(sign).writeShort(dscale);
        for (int g = first; g < last; g++) {
            out.writeShort(groups[g]);
        }
    }
}
