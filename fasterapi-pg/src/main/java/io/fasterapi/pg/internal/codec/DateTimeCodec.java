package io.fasterapi.pg.internal.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * date, time, timestamp and timestamptz as {@link LocalDate}, {@link LocalTime},
 * {@link LocalDateTime} and {@link OffsetDateTime} (in UTC). Binary values count microseconds (days
 * for date) from 2000-01-01.
 *
 * <p>Infinity: {@code infinity}/{@code -infinity} decode to the {@code MAX}/{@code MIN} constant of
 * the Java type ({@link LocalDate#MAX}, {@link LocalDateTime#MIN}, {@link OffsetDateTime#MAX}...)
 * and those constants (and {@link Instant#MAX}/{@link Instant#MIN}) encode back to infinity. BC
 * dates use proleptic ISO years (1 BC is year 0). Sub-microsecond nanos are truncated on encode.
 *
 * <p>End of day: PostgreSQL's {@code time '24:00:00'} has no LocalTime of its own, so it decodes to
 * {@link LocalTime#MAX} (23:59:59.999999999, which the server cannot hold: it keeps microseconds) and
 * {@link LocalTime#MAX} encodes back to {@code 24:00:00}, as pgjdbc maps them; every other value
 * round-trips as itself ({@link #timeOfDay}).
 */
public final class DateTimeCodec implements Codec {
    static final DateTimeCodec INSTANCE = new DateTimeCodec();

    private static final LocalDate PG_EPOCH_DATE = LocalDate.of(2000, 1, 1);
    private static final long PG_EPOCH_DAY = PG_EPOCH_DATE.toEpochDay();
    private static final long PG_EPOCH_SECONDS = 946_684_800L;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    @Override
    public Object decodeBinary(int oid, ByteBuf buf, int index, int length) {
        return switch (oid) {
            case Oids.DATE -> date(buf.getInt(index));
            case Oids.TIME -> time(buf.getLong(index));
            case Oids.TIMESTAMP -> timestamp(buf.getLong(index));
            default -> timestamptz(buf.getLong(index));
        };
    }

    private static LocalDate date(int days) {
        if (days == Integer.MAX_VALUE) {
            return LocalDate.MAX;
        }
        if (days == Integer.MIN_VALUE) {
            return LocalDate.MIN;
        }
        return LocalDate.ofEpochDay(PG_EPOCH_DAY + days);
    }

    /** Microseconds of the day as a LocalTime, {@code 24:00:00} as {@link LocalTime#MAX}. Also for timetz. */
    static LocalTime time(long micros) {
        return micros == MICROS_PER_DAY ? LocalTime.MAX : LocalTime.ofNanoOfDay(micros * 1000);
    }

    /** The wire's microseconds of the day: {@link LocalTime#MAX} is {@code 24:00:00}. Also for timetz. */
    static long timeOfDay(LocalTime t) {
        return t.equals(LocalTime.MAX) ? MICROS_PER_DAY : t.toNanoOfDay() / 1000;
    }

    /**
     * A binary timestamp (microseconds from 2000-01-01), infinities as {@link LocalDateTime#MAX}
     * and {@link LocalDateTime#MIN}. Also the direct read path of rows.
     */
    public static LocalDateTime timestamp(long micros) {
        if (micros == Long.MAX_VALUE) {
            return LocalDateTime.MAX;
        }
        if (micros == Long.MIN_VALUE) {
            return LocalDateTime.MIN;
        }
        long seconds = Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECONDS;
        int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1000;
        return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
    }

    /** A binary timestamptz in UTC, infinities as {@link OffsetDateTime#MAX} and {@link OffsetDateTime#MIN}. */
    public static OffsetDateTime timestamptz(long micros) {
        if (micros == Long.MAX_VALUE) {
            return OffsetDateTime.MAX;
        }
        if (micros == Long.MIN_VALUE) {
            return OffsetDateTime.MIN;
        }
        return timestamp(micros).atOffset(ZoneOffset.UTC);
    }

    @Override
    public Object decodeText(int oid, ByteBuf buf, int index, int length) {
        String s = buf.toString(index, length, StandardCharsets.US_ASCII);
        boolean posInf = s.equals("infinity");
        boolean negInf = s.equals("-infinity");
        return switch (oid) {
            case Oids.DATE -> posInf ? LocalDate.MAX : negInf ? LocalDate.MIN : DateTimeText.parseDate(s);
            case Oids.TIME -> s.startsWith("24:00:00") ? LocalTime.MAX : LocalTime.parse(s);
            case Oids.TIMESTAMP -> posInf ? LocalDateTime.MAX : negInf ? LocalDateTime.MIN : DateTimeText.parseTimestamp(s);
            default -> posInf ? OffsetDateTime.MAX : negInf ? OffsetDateTime.MIN : DateTimeText.parseTimestamptz(s);
        };
    }

    @Override
    public boolean canEncode(int oid, Object value) {
        return switch (oid) {
            case Oids.DATE -> value instanceof LocalDate;
            case Oids.TIME -> value instanceof LocalTime;
            case Oids.TIMESTAMP -> value instanceof LocalDateTime;
            default -> value instanceof OffsetDateTime || value instanceof Instant || value instanceof ZonedDateTime;
        };
    }

    @Override
    public void encodeBinary(int oid, Object value, ByteBuf out) {
        switch (oid) {
            case Oids.DATE -> {
                LocalDate d = (LocalDate) value;
                if (d.equals(LocalDate.MAX)) {
                    out.writeInt(Integer.MAX_VALUE);
                } else if (d.equals(LocalDate.MIN)) {
                    out.writeInt(Integer.MIN_VALUE);
                } else {
                    long days = d.toEpochDay() - PG_EPOCH_DAY;
                    if (days != (int) days) {
                        throw new IllegalArgumentException("date " + d + " out of range for PostgreSQL");
                    }
                    out.writeInt((int) days);
                }
            }
            case Oids.TIME -> out.writeLong(timeOfDay((LocalTime) value));
            case Oids.TIMESTAMP -> {
                LocalDateTime t = (LocalDateTime) value;
                out.writeLong(t.equals(LocalDateTime.MAX) ? Long.MAX_VALUE : t.equals(LocalDateTime.MIN) ? Long.MIN_VALUE
                        : micros(t.toEpochSecond(ZoneOffset.UTC), t.getNano()));
            }
            default -> {
                Instant i = switch (value) {
                    case OffsetDateTime o when o.equals(OffsetDateTime.MAX) -> Instant.MAX;
                    case OffsetDateTime o when o.equals(OffsetDateTime.MIN) -> Instant.MIN;
                    case OffsetDateTime o -> o.toInstant();
                    case ZonedDateTime z -> z.toInstant();
                    default -> (Instant) value;
                };
                out.writeLong(i.equals(Instant.MAX) ? Long.MAX_VALUE : i.equals(Instant.MIN) ? Long.MIN_VALUE
                        : micros(i.getEpochSecond(), i.getNano()));
            }
        }
    }

    private static long micros(long epochSecond, int nanos) {
        try {
            return Math.addExact(Math.multiplyExact(epochSecond - PG_EPOCH_SECONDS, 1_000_000L), nanos / 1000);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("timestamp out of range for PostgreSQL");
        }
    }
}
