package io.fasterapi.pg;

import java.time.Duration;
import java.time.Period;

/**
 * A PostgreSQL {@code interval}: months, days and microseconds kept apart, exactly as the server
 * stores them. They cannot be merged into one {@link Duration}: a month has no fixed number of days,
 * and a day across a daylight-saving change has no fixed number of hours.
 *
 * <p>PostgreSQL 17 added infinite intervals; they are {@link #INFINITY} and
 * {@link #NEGATIVE_INFINITY} (every field at its maximum or minimum, as the server stores them).
 * Immutable; any thread.
 *
 * {@snippet :
 * Interval i = pg.exec("SELECT interval '1 month 2 days 03:00:00'").scalar(Interval.class);
 * pg.exec("SELECT now() + $1", Interval.of(0, 1, 0));            // one day
 * pg.exec("SELECT now() + $1", Duration.ofMinutes(5));            // Durations and Periods are sent too
 * }
 *
 * @param months       whole months (years are 12 months)
 * @param days         whole days
 * @param microseconds the time part, in microseconds (may exceed a day)
 */
public record Interval(int months, int days, long microseconds) {
    /** {@code 'infinity'::interval} (PostgreSQL 17+). */
    public static final Interval INFINITY = new Interval(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE);
    /** {@code '-infinity'::interval} (PostgreSQL 17+). */
    public static final Interval NEGATIVE_INFINITY = new Interval(Integer.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE);
    /** The zero interval. */
    public static final Interval ZERO = new Interval(0, 0, 0);

    private static final long MICROS_PER_SECOND = 1_000_000L;

    /** An interval of the given parts. */
    public static Interval of(int months, int days, long microseconds) {
        return new Interval(months, days, microseconds);
    }

    /**
     * The interval of a {@link Duration}: all of it in the time part (no days). Fails if the
     * duration has a sub-microsecond part or overflows, rather than round it.
     */
    public static Interval of(Duration duration) {
        if (duration.getNano() % 1000 != 0) {
            throw new IllegalArgumentException(duration + " has a sub-microsecond part, which an interval cannot hold");
        }
        try {
            long micros = Math.addExact(Math.multiplyExact(duration.getSeconds(), MICROS_PER_SECOND),
                    duration.getNano() / 1000);
            return new Interval(0, 0, micros);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(duration + " does not fit an interval's microseconds");
        }
    }

    /** The interval of a {@link Period}: years and months in months, days in days. */
    public static Interval of(Period period) {
        try {
            int months = Math.toIntExact(period.toTotalMonths());
            return new Interval(months, period.getDays(), 0);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(period + " does not fit an interval's months");
        }
    }

    /** True for {@link #INFINITY} and {@link #NEGATIVE_INFINITY}. */
    public boolean isInfinite() {
        return equals(INFINITY) || equals(NEGATIVE_INFINITY);
    }

    /**
     * This interval as a Duration, counting a day as 24 hours. Fails for an interval with months
     * (a month has no fixed length) and for the infinities.
     */
    public Duration toDuration() {
        if (months != 0 || isInfinite()) {
            throw new ArithmeticException(this + " has months or is infinite, so it has no fixed Duration");
        }
        return Duration.ofDays(days).plus(Duration.of(microseconds, java.time.temporal.ChronoUnit.MICROS));
    }

    /** This interval as a Period (months and days). Fails if it has a time part or is infinite. */
    public Period toPeriod() {
        if (microseconds != 0 || isInfinite()) {
            throw new ArithmeticException(this + " has a time part or is infinite, so it has no Period");
        }
        return Period.of(0, months, days).normalized();
    }

    /** ISO 8601 style: {@code P14M3DT4.000005S}; {@code infinity} and {@code -infinity} for those. */
    @Override
    public String toString() {
        if (equals(INFINITY)) {
            return "infinity";
        }
        if (equals(NEGATIVE_INFINITY)) {
            return "-infinity";
        }
        java.math.BigDecimal seconds = java.math.BigDecimal.valueOf(microseconds, 6).stripTrailingZeros();
        return "P" + months + "M" + days + "DT" + seconds.toPlainString() + "S";
    }
}
