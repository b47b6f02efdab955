package io.fasterapi.pg.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * numeric's long fast path against the BigInteger path it replaces, on the bytes numeric_send
 * writes: the boundaries where the base-10000 groups or the rescaled value stop fitting a long
 * (18/19/20 digits), scales 0 to 30, negatives, zeros and the special values.
 */
class NumericCodecTest {
    private static final NumericCodec CODEC = NumericCodec.INSTANCE;

    /** The decode this class had before the fast path, kept as the reference. */
    private static BigDecimal reference(ByteBuf buf) {
        int ndigits = buf.getUnsignedShort(0);
        int weight = buf.getShort(2);
        int sign = buf.getUnsignedShort(4);
        int dscale = buf.getUnsignedShort(6);
        if (ndigits == 0) {
            return BigDecimal.ZERO.setScale(dscale);
        }
        BigInteger unscaled = BigInteger.ZERO;
        for (int i = 0; i < ndigits; i++) {
            unscaled = unscaled.multiply(BigInteger.valueOf(10_000)).add(BigInteger.valueOf(buf.getShort(8 + 2 * i)));
        }
        BigDecimal v = new BigDecimal(unscaled).scaleByPowerOfTen(4 * (weight - ndigits + 1))
                .setScale(dscale, RoundingMode.UNNECESSARY);
        return sign == 0x4000 ? v.negate() : v;
    }

    private static void assertRoundTrips(BigDecimal value, String context) {
        ByteBuf buf = Unpooled.buffer();
        try {
            CODEC.encodeBinary(Oids.NUMERIC, value, buf);
            Object decoded = CODEC.decodeBinary(Oids.NUMERIC, buf, 0, buf.readableBytes());
            BigDecimal expected = value.scale() < 0 ? value.setScale(0) : value;
            assertThat(decoded).as("%s: %s", context, value.toPlainString()).isEqualTo(expected);
            assertThat(decoded).as("%s: %s vs the BigInteger path", context, value.toPlainString()).isEqualTo(reference(buf));
        } finally {
            buf.release();
        }
    }

    private static List<BigDecimal> boundaries() {
        List<BigDecimal> out = new ArrayList<>();
        List<BigInteger> unscaled = new ArrayList<>();
        for (int digits = 1; digits <= 22; digits++) {
            BigInteger nines = BigInteger.TEN.pow(digits).subtract(BigInteger.ONE);
            unscaled.add(nines);
            unscaled.add(BigInteger.TEN.pow(digits - 1));
            unscaled.add(BigInteger.TEN.pow(digits - 1).add(BigInteger.ONE));
        }
        unscaled.add(BigInteger.valueOf(Long.MAX_VALUE));
        unscaled.add(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE));
        unscaled.add(BigInteger.valueOf(Long.MAX_VALUE / 10_000));
        unscaled.add(BigInteger.valueOf(Long.MAX_VALUE / 10)); // 18 digits under the limit
        unscaled.add(new BigInteger("12345678901234567890")); // 20 digits, five groups that overflow
        unscaled.add(BigInteger.ZERO);
        for (BigInteger u : unscaled) {
            for (int scale = 0; scale <= 30; scale++) {
                out.add(new BigDecimal(u, scale));
                out.add(new BigDecimal(u.negate(), scale));
            }
            out.add(new BigDecimal(u, -4));
            out.add(new BigDecimal(u, -9));
        }
        return out;
    }

    @Test
    void boundariesOfTheLongFastPathDecodeExactlyWithTheirScale() {
        for (BigDecimal v : boundaries()) {
            assertRoundTrips(v, "boundary");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 42L, 20_250_101L, 987_654_321L})
    void randomValuesAroundTheBoundariesDecodeAsTheBigIntegerPathDoes(long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            // Mostly 15 to 21 digits, where the fast path starts and stops fitting.
            int digits = r.nextInt(4) == 0 ? 1 + r.nextInt(40) : 15 + r.nextInt(7);
            StringBuilder sb = new StringBuilder(digits);
            sb.append(1 + r.nextInt(9));
            for (int d = 1; d < digits; d++) {
                sb.append(r.nextInt(10));
            }
            // Trailing zeros in the digits make groups that numeric_send strips.
            if (r.nextInt(5) == 0) {
                sb.setLength(Math.max(1, digits - 4));
                sb.append("0000");
            }
            BigInteger u = new BigInteger(sb.toString());
            BigDecimal v = new BigDecimal(r.nextBoolean() ? u : u.negate(), r.nextInt(31));
            assertRoundTrips(v, "seed " + seed + " #" + i);
        }
    }

    @Test
    void specialValuesAndZeroKeepTheirMeaning() {
        for (double special : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            ByteBuf buf = Unpooled.buffer();
            try {
                CODEC.encodeBinary(Oids.NUMERIC, special, buf);
                assertThat(CODEC.decodeBinary(Oids.NUMERIC, buf, 0, buf.readableBytes())).isEqualTo(special);
            } finally {
                buf.release();
            }
        }
        assertRoundTrips(new BigDecimal("0.00000"), "zero with scale");
        assertRoundTrips(new BigDecimal("-0.0001"), "small negative");
    }
}
