package io.fasterapi.web.internal.convert;

import io.fasterapi.web.internal.convert.UnixTimestamps.Reason;
import io.fasterapi.web.internal.errors.InvalidValue;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * Dates and times read from text as pydantic 2 reads them in lax mode, with its parser's (speedate's)
 * rules and reasons: {@code YYYY-MM-DD}; {@code YYYY-MM-DD[T| |t|_]HH:MM[:SS[.ffffff]][Z|±HH[:]MM]}
 * (a date alone is a datetime at midnight); {@code HH:MM[:SS[.ffffff]]}. Errors carry pydantic's
 * types, messages and {@code ctx.error}:
 * <ul>
 * <li>a date: {@code date_from_datetime_parsing} "Input should be a valid date or datetime, {error}"
 *     (pydantic retries a failed date as a datetime and reports that attempt), or
 *     {@code date_from_datetime_inexact} for a datetime that is not at midnight;</li>
 * <li>a datetime: {@code datetime_from_date_parsing} "Input should be a valid datetime or date,
 *     {error}" (pydantic retries failed text as a date and reports the date's reason);
 *     {@code LocalDateTime} is pydantic's {@code NaiveDatetime} ({@code timezone_naive} with an
 *     offset), {@code OffsetDateTime}/{@code ZonedDateTime}/{@code Instant} its {@code AwareDatetime}
 *     ({@code timezone_aware} without one);</li>
 * <li>a time: {@code time_parsing} "Input should be in a valid time format, {error}"; a
 *     {@code LocalTime} with an offset is {@code timezone_naive}.</li>
 * </ul>
 * Digits beyond microseconds are truncated, as pydantic does. Unix timestamps are read as pydantic
 * reads them ({@link UnixTimestamps}): an integer or decimal number as text for a date (an integer
 * at midnight) or a datetime, and a JSON number ({@link #fromNumber}) for a date, a datetime or a
 * time (seconds since midnight); a timestamp is UTC. A Python date has no year 0: {@code
 * date_parsing} / {@code datetime_parsing} "year 0 is out of range". Stateless; any thread.
 */
final class PydanticTime {
    private PydanticTime() {
    }

    private record Time(int hour, int minute, int second, int nanos, Integer offsetSeconds, int end) {
        boolean isMidnight() {
            return hour == 0 && minute == 0 && second == 0 && nanos == 0;
        }
    }

    private record DateTime(LocalDate date, Time time) {
    }

    private static final Time NAIVE_MIDNIGHT = new Time(0, 0, 0, 0, null, 0);

    static LocalDate date(String s) throws InvalidValue {
        LocalDate d;
        try {
            d = speedateDate(s);
        } catch (Reason notADate) {
            // pydantic's date_from_datetime: the text as a datetime, accepted at midnight
            DateTime dt;
            try {
                dt = speedateDateTime(s);
            } catch (Reason r) {
                throw dateFromDatetimeParsing(r);
            }
            if (!dt.time().isMidnight()) {
                throw dateFromDatetimeInexact();
            }
            d = dt.date();
        }
        return yearChecked(d);
    }

    static LocalDateTime localDateTime(String s) throws InvalidValue {
        return (LocalDateTime) typed(LocalDateTime.class, parsedDateTime(s));
    }

    static OffsetDateTime offsetDateTime(String s) throws InvalidValue {
        return (OffsetDateTime) typed(OffsetDateTime.class, parsedDateTime(s));
    }

    static ZonedDateTime zonedDateTime(String s) throws InvalidValue {
        return (ZonedDateTime) typed(ZonedDateTime.class, parsedDateTime(s));
    }

    static Instant instant(String s) throws InvalidValue {
        return (Instant) typed(Instant.class, parsedDateTime(s));
    }

    static LocalTime time(String s) throws InvalidValue {
        try {
            Time t = timePartial(s, 0);
            if (s.length() > t.end()) {
                throw new Reason("unexpected extra characters at the end of the input");
            }
            if (t.offsetSeconds() != null) {
                throw new InvalidValue("timezone_naive", "Input should not have timezone info");
            }
            return localTime(t);
        } catch (Reason r) {
            throw timeParsing(r);
        }
    }

    /**
     * A JSON number for {@code type} (a date or time type) as pydantic reads a Python int or float:
     * a Unix timestamp ({@link UnixTimestamps}) for a date or datetime, seconds since midnight for a
     * time. {@code n} is an integer type or {@code BigInteger} for a JSON integer, anything else is
     * read as a float. The result is UTC: an {@code AwareDatetime}, so a {@code LocalDateTime}
     * ({@code NaiveDatetime}) refuses it with {@code timezone_naive}; a {@code LocalDate} needs a
     * midnight; a {@code LocalTime} keeps the time of day (pydantic's {@code time} is UTC-aware).
     */
    static Object fromNumber(Class<?> type, Number n) throws InvalidValue {
        boolean integral = n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
        long whole = integral ? n.longValue() : 0;
        double real = 0;
        if (n instanceof java.math.BigInteger big) {
            if (big.bitLength() < 64) {
                integral = true;
                whole = big.longValue();
            } else {
                real = big.doubleValue();
                if (Double.isInfinite(real)) {
                    throw typeError(type); // Python: int too large to convert to float
                }
            }
        } else if (!integral) {
            real = n.doubleValue();
        }
        if (type == LocalTime.class) {
            try {
                int[] t = integral ? UnixTimestamps.timeOfDay(whole, 0) : UnixTimestamps.timeOfDay(real);
                return LocalTime.ofSecondOfDay(t[0]).withNano(t[1] * 1_000);
            } catch (Reason r) {
                throw timeParsing(r);
            }
        }
        UnixTimestamps.Utc utc;
        try {
            utc = integral ? UnixTimestamps.fromTimestamp(whole, 0) : UnixTimestamps.fromDouble(real);
        } catch (Reason r) {
            throw type == LocalDate.class ? dateFromDatetimeParsing(r) : datetimeParsing(r);
        }
        if (type == LocalDate.class) {
            if (!utc.isMidnight()) {
                throw dateFromDatetimeInexact();
            }
            return yearChecked(utc.date());
        }
        return typed(type, utc(utc));
    }

    /** pydantic's type error for a value of the wrong kind (a bool, an object) for a date/time type. */
    static InvalidValue typeError(Class<?> type) {
        if (type == LocalDate.class) {
            return new InvalidValue("date_type", "Input should be a valid date");
        }
        if (type == LocalTime.class) {
            return new InvalidValue("time_type", "Input should be a valid time");
        }
        return new InvalidValue("datetime_type", "Input should be a valid datetime");
    }

    // The datetime validator's checks once a value is read: its tz_constraint, then the conversion
    // to a Python datetime, which has no year 0.
    private static Object typed(Class<?> type, DateTime dt) throws InvalidValue {
        Integer offset = dt.time().offsetSeconds();
        if (type == LocalDateTime.class) {
            if (offset != null) {
                throw new InvalidValue("timezone_naive", "Input should not have timezone info");
            }
        } else if (offset == null) {
            throw new InvalidValue("timezone_aware", "Input should have timezone info");
        }
        if (dt.date().getYear() == 0) {
            throw datetimeParsing(new Reason("year 0 is out of range"));
        }
        LocalDateTime local = dt.date().atTime(localTime(dt.time()));
        if (type == LocalDateTime.class) {
            return local;
        }
        OffsetDateTime odt = OffsetDateTime.of(local, ZoneOffset.ofTotalSeconds(offset));
        if (type == ZonedDateTime.class) {
            return odt.toZonedDateTime();
        }
        return type == Instant.class ? odt.toInstant() : odt;
    }

    // pydantic's datetime validator: the text as a datetime, else as a date at midnight (naive); when
    // both fail, the date's reason is the one reported.
    private static DateTime parsedDateTime(String s) throws InvalidValue {
        try {
            return speedateDateTime(s);
        } catch (Reason notADatetime) {
            try {
                return new DateTime(speedateDate(s), NAIVE_MIDNIGHT);
            } catch (Reason r) {
                throw new InvalidValue("datetime_from_date_parsing", "Input should be a valid datetime or date, "
                        + r.getMessage(), Map.of("error", r.getMessage()));
            }
        }
    }

    // A Python date has no year 0: pydantic's date_parsing.
    private static LocalDate yearChecked(LocalDate d) throws InvalidValue {
        if (d.getYear() == 0) {
            throw new InvalidValue("date_parsing", "Input should be a valid date in the format YYYY-MM-DD, "
                    + "year 0 is out of range", Map.of("error", "year 0 is out of range"));
        }
        return d;
    }

    private static InvalidValue dateFromDatetimeParsing(Reason r) {
        return new InvalidValue("date_from_datetime_parsing", "Input should be a valid date or datetime, "
                + r.getMessage(), Map.of("error", r.getMessage()));
    }

    private static InvalidValue dateFromDatetimeInexact() {
        return new InvalidValue("date_from_datetime_inexact",
                "Datetimes provided to dates should have zero time - e.g. be exact dates");
    }

    private static InvalidValue datetimeParsing(Reason r) {
        return new InvalidValue("datetime_parsing", "Input should be a valid datetime, " + r.getMessage(),
                Map.of("error", r.getMessage()));
    }

    private static InvalidValue timeParsing(Reason r) {
        return new InvalidValue("time_parsing", "Input should be in a valid time format, " + r.getMessage(),
                Map.of("error", r.getMessage()));
    }

    private static DateTime utc(UnixTimestamps.Utc utc) {
        int s = utc.secondOfDay();
        return new DateTime(utc.date(), new Time(s / 3600, s % 3600 / 60, s % 60, utc.micros() * 1_000, 0, 0));
    }

    // speedate Date::parse_bytes_with_config: YYYY-MM-DD, else an integer timestamp of a midnight.
    private static LocalDate speedateDate(String s) throws Reason {
        try {
            LocalDate d = datePartial(s);
            if (s.length() > 10) {
                throw new Reason("unexpected extra characters at the end of the input");
            }
            return d;
        } catch (Reason rfc3339) {
            Long timestamp = UnixTimestamps.parseInt(s);
            if (timestamp == null) {
                throw rfc3339;
            }
            return UnixTimestamps.exactDate(timestamp);
        }
    }

    // speedate DateTime::parse_bytes_with_config: RFC 3339, else a number as text is a timestamp.
    private static DateTime speedateDateTime(String s) throws Reason {
        try {
            return dateTime(s);
        } catch (Reason rfc3339) {
            return utc(UnixTimestamps.fromText(s, rfc3339.getMessage()));
        }
    }

    private static LocalTime localTime(Time t) {
        return LocalTime.of(t.hour(), t.minute(), t.second(), t.nanos());
    }

    // speedate DateTime::parse_bytes_rfc3339: a date, a separator, a time; a date alone is midnight.
    private static DateTime dateTime(String s) throws Reason {
        LocalDate date = datePartial(s);
        if (s.length() == 10) {
            return new DateTime(date, new Time(0, 0, 0, 0, null, 0));
        }
        char sep = s.charAt(10);
        if (sep != 'T' && sep != 't' && sep != ' ' && sep != '_') {
            throw new Reason("invalid datetime separator, expected `T`, `t`, `_` or space");
        }
        Time time = timePartial(s, 11);
        if (s.length() > time.end()) {
            throw new Reason("unexpected extra characters at the end of the input");
        }
        return new DateTime(date, time);
    }

    // speedate Date::parse_bytes_partial
    private static LocalDate datePartial(String s) throws Reason {
        if (s.length() < 10) {
            throw new Reason("input is too short");
        }
        int year = digits(s, 0, 4, "invalid character in year");
        if (s.charAt(4) != '-') {
            throw new Reason("invalid date separator, expected `-`");
        }
        int month = digits(s, 5, 2, "invalid character in month");
        if (s.charAt(7) != '-') {
            throw new Reason("invalid date separator, expected `-`");
        }
        int day = digits(s, 8, 2, "invalid character in day");
        if (month < 1 || month > 12) {
            throw new Reason("month value is outside expected range of 1-12");
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw new Reason("day value is outside expected range");
        }
    }

    // speedate Time::parse_bytes_partial from index `at`, with its offset.
    private static Time timePartial(String s, int at) throws Reason {
        if (s.length() - at < 5) {
            throw new Reason("input is too short");
        }
        int hour = digits(s, at, 2, "invalid character in hour");
        if (hour > 23) {
            throw new Reason("hour value is outside expected range of 0-23");
        }
        if (s.charAt(at + 2) != ':') {
            throw new Reason("invalid time separator, expected `:`");
        }
        int minute = digits(s, at + 3, 2, "invalid character in minute");
        if (minute > 59) {
            throw new Reason("minute value is outside expected range of 0-59");
        }
        int i = at + 5;
        int second = 0;
        int nanos = 0;
        if (i < s.length() && s.charAt(i) == ':') {
            if (s.length() < i + 3) {
                throw new Reason("input is too short");
            }
            second = digits(s, i + 1, 2, "invalid character in second");
            if (second > 59) {
                throw new Reason("second value is outside expected range of 0-59");
            }
            i += 3;
            if (i < s.length() && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
                i++;
                int count = 0;
                int micros = 0;
                while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    if (count < 6) {
                        micros = micros * 10 + (s.charAt(i) - '0');
                    }
                    count++;
                    i++;
                }
                if (count == 0) {
                    throw new Reason("second fraction digits missing after `.`");
                }
                for (int k = count; k < 6; k++) {
                    micros *= 10;
                }
                nanos = micros * 1000;
            }
        }
        Integer offset = null;
        if (i < s.length()) {
            char c = s.charAt(i);
            if (c == 'Z' || c == 'z') {
                offset = 0;
                i++;
            } else if (c == '+' || c == '-') {
                int sign = c == '-' ? -1 : 1;
                i++;
                if (s.length() < i + 2) {
                    throw new Reason("input is too short");
                }
                int h = digits(s, i, 2, "invalid timezone hour");
                i += 2;
                int m = 0;
                if (i < s.length() && s.charAt(i) == ':') {
                    i++;
                }
                if (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    if (s.length() < i + 2) {
                        throw new Reason("input is too short");
                    }
                    m = digits(s, i, 2, "invalid timezone minute");
                    i += 2;
                }
                int total = h * 3600 + m * 60;
                if (total >= 24 * 3600) {
                    throw new Reason("timezone offset must be less than 24 hours");
                }
                offset = sign * total;
            }
        }
        return new Time(hour, minute, second, nanos, offset, i);
    }

    private static int digits(String s, int from, int count, String reason) throws Reason {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new Reason(reason);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
