package io.fasterapi.pg;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

/**
 * Seeded generators of PostgreSQL text literals, one per scalar type: the same seed gives the same
 * values, so a failing run can be replayed.
 */
final class RandomValues {
    /** A type and a generator of literals of it. */
    record Generator(String type, Function<Random, String> literal) {
    }

    private static final long PG_MIN_DAY = LocalDate.of(-4712, 1, 1).toEpochDay();
    private static final long PG_MAX_DATE_DAY = LocalDate.of(5874897, 12, 31).toEpochDay();
    private static final long PG_MAX_TIMESTAMP_DAY = LocalDate.of(294275, 12, 31).toEpochDay();

    private RandomValues() {
    }

    static Generator[] all() {
        return new Generator[] {
            new Generator("bool", r -> Boolean.toString(r.nextBoolean())),
            new Generator("int2", r -> Short.toString((short) r.nextInt())),
            new Generator("int4", r -> Integer.toString(r.nextInt())),
            new Generator("int8", r -> Long.toString(r.nextLong())),
            new Generator("float4", r -> Float.toString(Float.intBitsToFloat(r.nextInt()))),
            new Generator("float8", r -> Double.toString(Double.longBitsToDouble(r.nextLong()))),
            new Generator("numeric", RandomValues::numeric),
            new Generator("text", r -> text(r, 40)),
            new Generator("bytea", r -> "\\x" + HexFormat.of().formatHex(bytes(r, r.nextInt(64)))),
            new Generator("uuid", r -> new UUID(r.nextLong(), r.nextLong()).toString()),
            new Generator("date", r -> date(day(r, PG_MAX_DATE_DAY))),
            new Generator("time", r -> time(r).toString()),
            new Generator("timetz", r -> time(r) + offset(r)),
            new Generator("timestamp", r -> timestamp(r)),
            new Generator("timestamptz", r -> timestamp(r) + "+00"),
            new Generator("interval", r -> r.nextInt() + " mons " + r.nextInt() + " days "
                    + (r.nextLong() % 1_000_000_000_000_000L) + " microseconds"),
            new Generator("money", r -> BigDecimal.valueOf(r.nextLong(), 2).toPlainString()),
            new Generator("json", r -> json(r)),
            new Generator("jsonb", r -> json(r)),
            new Generator("inet", r -> inet(r, false)),
            new Generator("cidr", r -> inet(r, true)),
            new Generator("macaddr", r -> HexFormat.ofDelimiter(":").formatHex(bytes(r, 6))),
            new Generator("macaddr8", r -> HexFormat.ofDelimiter(":").formatHex(bytes(r, 8))),
            new Generator("varbit", r -> bits(r)),
            new Generator("\"char\"", r -> {
                int b = 1 + r.nextInt(255);
                return b < 128 ? String.valueOf((char) b) : String.format("\\%03o", b);
            }),
            new Generator("point", r -> "(" + r.nextDouble() * 1e6 + "," + -r.nextDouble() + ")"),
            new Generator("circle", r -> "<(" + r.nextGaussian() + "," + r.nextGaussian() + ")," + r.nextDouble() + ">"),
            new Generator("int4[]", r -> array(r, () -> Integer.toString(r.nextInt()))),
            new Generator("text[]", r -> array(r, () -> quoted(text(r, 8)))),
            new Generator("int8range", r -> {
                long a = r.nextLong();
                long b = r.nextLong();
                return "[" + Math.min(a, b) + "," + Math.max(a, b) + ")";
            }),
            new Generator("numrange", r -> {
                BigDecimal a = new BigDecimal(numeric(r));
                BigDecimal b = new BigDecimal(numeric(r));
                return (r.nextBoolean() ? "[" : "(") + a.min(b) + "," + a.max(b) + (r.nextBoolean() ? "]" : ")");
            }),
        };
    }

    static String numeric(Random r) {
        BigInteger unscaled = new BigInteger(1 + r.nextInt(200), r);
        BigDecimal v = new BigDecimal(r.nextBoolean() ? unscaled : unscaled.negate(), r.nextInt(60) - 10);
        return v.toPlainString();
    }

    /** Code points from ASCII, other scripts, emoji and combining marks; no NUL (text cannot hold it). */
    static String text(Random r, int maxLength) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(maxLength);
        for (int i = 0; i < n; i++) {
            int cp = switch (r.nextInt(5)) {
                case 0 -> 1 + r.nextInt(127);
                case 1 -> 0x00A0 + r.nextInt(0xD7FF - 0x00A0);
                case 2 -> 0x1F300 + r.nextInt(0x400);
                case 3 -> 0x0300 + r.nextInt(0x70);
                default -> 0x10000 + r.nextInt(0x10FFFF - 0x10000);
            };
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    static long day(Random r, long maxDay) {
        return PG_MIN_DAY + (long) (r.nextDouble() * (maxDay - PG_MIN_DAY));
    }

    static String date(long epochDay) {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        int y = d.getYear();
        return String.format("%04d-%02d-%02d", y > 0 ? y : 1 - y, d.getMonthValue(), d.getDayOfMonth()) + (y > 0 ? "" : " BC");
    }

    static LocalTime time(Random r) {
        return LocalTime.ofNanoOfDay((long) (r.nextDouble() * 86_400_000_000L) * 1000);
    }

    static String offset(Random r) {
        int minutes = r.nextInt(2 * (15 * 60 + 59) + 1) - (15 * 60 + 59);
        return String.format("%s%02d:%02d", minutes < 0 ? "-" : "+", Math.abs(minutes) / 60, Math.abs(minutes) % 60);
    }

    static String timestamp(Random r) {
        String d = date(day(r, PG_MAX_TIMESTAMP_DAY));
        String t = time(r).toString();
        return d.endsWith(" BC") ? d.substring(0, d.length() - 3) + " " + t + " BC" : d + " " + t;
    }

    static String json(Random r) {
        String s = text(r, 10).replace("\\", "\\\\").replace("\"", "\\\"");
        StringBuilder escaped = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (cp < 0x20) {
                escaped.append(String.format("\\u%04x", cp));
            } else {
                escaped.appendCodePoint(cp);
            }
        });
        return "{\"s\": \"" + escaped + "\", \"n\": " + r.nextLong() + ", \"a\": [true, null, " + r.nextDouble() + "]}";
    }

    static String inet(Random r, boolean cidr) {
        byte[] b = bytes(r, r.nextBoolean() ? 4 : 16);
        int prefix = r.nextInt(b.length * 8 + 1);
        if (cidr) {
            for (int bit = prefix; bit < b.length * 8; bit++) {
                b[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
            }
        }
        return Inet.address(b).getHostAddress() + "/" + prefix;
    }

    static String bits(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(80);
        for (int i = 0; i < n; i++) {
            sb.append(r.nextBoolean() ? '1' : '0');
        }
        return sb.toString();
    }

    static String array(Random r, java.util.function.Supplier<String> element) {
        StringBuilder sb = new StringBuilder("{");
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? "," : "").append(r.nextInt(5) == 0 ? "NULL" : element.get());
        }
        return sb.append('}').toString();
    }

    static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
