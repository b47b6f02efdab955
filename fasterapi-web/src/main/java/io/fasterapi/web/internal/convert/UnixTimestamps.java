package io.fasterapi.web.internal.convert;

import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * Unix timestamps as pydantic 2 reads them for dates, datetimes and times, with its parser's
 * (speedate 0.17's) arithmetic and reasons: a number whose absolute value is at most 2e10 is seconds
 * since 1970-01-01T00:00Z, a larger one milliseconds; the result is a UTC time of day on a date from
 * year 0000 to 9999. Its rounding quirks are kept on purpose (a negative float's fraction is added
 * to its floor, as pydantic-core's {@code from_float_with_config} does), so every answer is pydantic's.
 * Stateless; any thread.
 */
final class UnixTimestamps {
    private UnixTimestamps() {
    }

    // speedate date.rs: the seconds/milliseconds watershed and the range a timestamp may reach
    private static final long MS_WATERSHED = 20_000_000_000L;
    private static final long UNIX_9999 = 253_402_300_799L;
    private static final long UNIX_0000 = -62_167_219_200L;
    private static final long U32_MAX = 0xFFFF_FFFFL;

    static final String DATE_TOO_SMALL = "dates before 0000 are not supported as unix timestamps";
    static final String DATE_TOO_LARGE = "dates after 9999 are not supported as unix timestamps";
    static final String TIME_TOO_LARGE = "numeric times may not exceed 86,399 seconds";
    static final String DATE_NOT_EXACT = "Timestamp is not an exact date";
    static final String NAN = "NaN values not permitted";
    static final String TIME_NEGATIVE = "time in seconds should be positive";

    /** A speedate ParseError, or one of pydantic-core's own reasons: the text is {@code ctx.error}. */
    static final class Reason extends Exception {
        private static final long serialVersionUID = 1L;

        Reason(String text) {
            super(text, null, false, false);
        }
    }

    /** A UTC instant broken into a date (year 0 to 9999), the second of its day and microseconds. */
    record Utc(LocalDate date, int secondOfDay, int micros) {
        boolean isMidnight() {
            return secondOfDay == 0 && micros == 0;
        }
    }

    // What lexical's standard float format accepts once speedate's integer scan stopped at a '.'.
    private static final Pattern FLOAT_TEXT = Pattern.compile("[+-]?(\\d+\\.\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /**
     * speedate {@code int_parse_bytes}: an optional sign and ASCII digits; null otherwise or when the
     * value overflows (checked as speedate does, on the wrapped value after each digit).
     */
    static Long parseInt(String s) {
        long r = scan(s, null);
        return r == NOT_INT ? null : r;
    }

    // Long.MIN_VALUE cannot be a result (speedate negates a non-negative value), so it marks failure;
    // atDot[0] tells whether the scan stopped at a '.', which speedate then reads as a float.
    private static final long NOT_INT = Long.MIN_VALUE;

    private static long scan(String s, boolean[] atDot) {
        int n = s.length();
        if (n == 0) {
            return NOT_INT;
        }
        boolean neg = false;
        int i = 0;
        if (n >= 2 && s.charAt(0) == '-') {
            neg = true;
            i = 1;
        } else if (n >= 2 && s.charAt(0) == '+') {
            i = 1;
        }
        long v = 0;
        for (int k = i; k < n; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                if (atDot != null) {
                    atDot[0] = c == '.';
                }
                return NOT_INT;
            }
            v = v * 10 + (c - '0');
            if (k > i && v < 0) {
                return NOT_INT; // overflow; the stop is at a digit, so not a float either
            }
        }
        return neg ? -v : v;
    }

    /**
     * speedate {@code DateTime::parse_bytes_with_config} after its RFC 3339 attempt failed: an integer
     * or a decimal number as text is a timestamp; anything else keeps the RFC 3339 reason.
     */
    static Utc fromText(String s, String rfc3339Reason) throws Reason {
        boolean[] atDot = new boolean[1];
        long v = scan(s, atDot);
        if (v != NOT_INT) {
            return fromTimestamp(v, 0);
        }
        if (!atDot[0] || !FLOAT_TEXT.matcher(s).matches()) {
            throw new Reason(rfc3339Reason);
        }
        double f = Double.parseDouble(s);
        double normalized = Math.abs(f) > MS_WATERSHED ? f / 1_000d : f;
        long seconds = (long) Math.floor(normalized);
        long micros = u32(roundHalfAway((normalized - seconds) * 1_000_000d));
        return fromTimestamp(seconds, micros);
    }

    /** speedate {@code DateTime::from_float_with_config}, after pydantic-core's NaN check. */
    static Utc fromDouble(double ts) throws Reason {
        if (Double.isNaN(ts)) {
            throw new Reason(NAN);
        }
        double fraction = Math.abs(ts % 1.0); // Rust's fract(): NaN for an infinity
        double micros = Math.abs(ts) <= MS_WATERSHED ? fraction * 1_000_000d : fraction * 1_000d;
        return fromTimestamp((long) Math.floor(ts), u32(roundHalfAway(micros)));
    }

    /** speedate {@code DateTime::from_timestamp_with_config} with {@code micros} a u32. */
    static Utc fromTimestamp(long timestamp, long micros) throws Reason {
        if (timestamp == Long.MIN_VALUE) {
            throw new Reason(DATE_TOO_SMALL); // checked_abs
        }
        long second = timestamp;
        long extra = 0;
        if (Math.abs(timestamp) > MS_WATERSHED) {
            second = timestamp / 1_000;
            extra = (timestamp % 1_000) * 1_000;
            if (extra < 0) {
                second -= 1;
                extra += 1_000_000;
            }
        }
        long total = micros + extra;
        if (total > U32_MAX) {
            throw new Reason(TIME_TOO_LARGE);
        }
        if (total >= 1_000_000) {
            try {
                second = Math.addExact(second, total / 1_000_000);
            } catch (ArithmeticException e) {
                throw new Reason(TIME_TOO_LARGE);
            }
            total %= 1_000_000;
        }
        if (second < UNIX_0000) {
            throw new Reason(DATE_TOO_SMALL);
        }
        if (second > UNIX_9999) {
            throw new Reason(DATE_TOO_LARGE);
        }
        return new Utc(LocalDate.ofEpochDay(Math.floorDiv(second, 86_400)), (int) Math.floorMod(second, 86_400),
                (int) total);
    }

    /**
     * speedate {@code Date::from_timestamp(ts, require_exact = true)}: the integer timestamp of a
     * midnight, UTC ({@code Timestamp is not an exact date} otherwise). The milliseconds of a large
     * value count, as speedate's do.
     */
    static LocalDate exactDate(long timestamp) throws Reason {
        Utc utc = fromTimestamp(timestamp, 0);
        if (!utc.isMidnight()) {
            throw new Reason(DATE_NOT_EXACT);
        }
        return utc.date();
    }

    /** pydantic-core {@code int_as_time}: seconds since midnight (and microseconds, a u32). */
    static int[] timeOfDay(long seconds, long micros) throws Reason {
        if (seconds < 0) {
            throw new Reason(TIME_NEGATIVE);
        }
        long second = Math.min(seconds, U32_MAX);
        long micro = micros;
        if (micro >= 1_000_000) {
            second += micro / 1_000_000;
            if (second > U32_MAX) {
                throw new Reason(TIME_TOO_LARGE);
            }
            micro %= 1_000_000;
        }
        if (second >= 86_400) {
            throw new Reason(TIME_TOO_LARGE);
        }
        return new int[] {(int) second, (int) micro};
    }

    /** pydantic-core {@code float_as_time}. */
    static int[] timeOfDay(double seconds) throws Reason {
        if (Double.isNaN(seconds)) {
            throw new Reason(NAN);
        }
        double micros = Math.abs(seconds % 1.0) * 1_000_000d;
        return timeOfDay((long) Math.floor(seconds), u32(roundHalfAway(micros)));
    }

    // Rust's f64::round (half away from zero) for a non-negative value; exact, unlike floor(x + 0.5).
    private static double roundHalfAway(double x) {
        double f = Math.floor(x);
        return x - f >= 0.5 ? f + 1 : f;
    }

    // Rust's saturating `as u32`: NaN is 0.
    private static long u32(double x) {
        if (!(x > 0)) {
            return 0;
        }
        return x >= U32_MAX ? U32_MAX : (long) x;
    }
}
