package io.fasterapi.web.internal.binding;

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
 * <li>a datetime: {@code datetime_parsing} "Input should be a valid datetime, {error}";
 *     {@code LocalDateTime} is pydantic's {@code NaiveDatetime} ({@code timezone_naive} with an
 *     offset), {@code OffsetDateTime}/{@code ZonedDateTime}/{@code Instant} its {@code AwareDatetime}
 *     ({@code timezone_aware} without one);</li>
 * <li>a time: {@code time_parsing} "Input should be in a valid time format, {error}"; a
 *     {@code LocalTime} with an offset is {@code timezone_naive}.</li>
 * </ul>
 * Digits beyond microseconds are truncated, as pydantic does. Unix timestamps given as numbers are
 * not read (pydantic reads them). Stateless; any thread.
 */
final class PydanticTime {
    private PydanticTime() {
    }

    /** A speedate ParseError: its documentation is pydantic's {@code ctx.error}. */
    private static final class Reason extends Exception {
        private static final long serialVersionUID = 1L;

        Reason(String text) {
            super(text, null, false, false);
        }
    }

    private record Time(int hour, int minute, int second, int nanos, Integer offsetSeconds, int end) {
    }

    private record DateTime(LocalDate date, Time time) {
    }

    static LocalDate date(String s) throws InvalidValue {
        try {
            LocalDate d = datePartial(s);
            if (s.length() > 10) {
                throw new Reason("unexpected extra characters at the end of the input");
            }
            return d;
        } catch (Reason notADate) {
            DateTime dt;
            try {
                dt = dateTime(s);
            } catch (Reason r) {
                throw new InvalidValue("date_from_datetime_parsing", "Input should be a valid date or datetime, "
                        + r.getMessage(), Map.of("error", r.getMessage()));
            }
            Time t = dt.time();
            if (t.hour() != 0 || t.minute() != 0 || t.second() != 0 || t.nanos() != 0) {
                throw new InvalidValue("date_from_datetime_inexact",
                        "Datetimes provided to dates should have zero time - e.g. be exact dates");
            }
            return dt.date();
        }
    }

    static LocalDateTime localDateTime(String s) throws InvalidValue {
        DateTime dt = parsedDateTime(s);
        if (dt.time().offsetSeconds() != null) {
            throw new InvalidValue("timezone_naive", "Input should not have timezone info");
        }
        return dt.date().atTime(localTime(dt.time()));
    }

    static OffsetDateTime offsetDateTime(String s) throws InvalidValue {
        DateTime dt = parsedDateTime(s);
        if (dt.time().offsetSeconds() == null) {
            throw new InvalidValue("timezone_aware", "Input should have timezone info");
        }
        return OffsetDateTime.of(dt.date().atTime(localTime(dt.time())),
                ZoneOffset.ofTotalSeconds(dt.time().offsetSeconds()));
    }

    static ZonedDateTime zonedDateTime(String s) throws InvalidValue {
        return offsetDateTime(s).toZonedDateTime();
    }

    static Instant instant(String s) throws InvalidValue {
        return offsetDateTime(s).toInstant();
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
            throw new InvalidValue("time_parsing", "Input should be in a valid time format, " + r.getMessage(),
                    Map.of("error", r.getMessage()));
        }
    }

    private static DateTime parsedDateTime(String s) throws InvalidValue {
        try {
            return dateTime(s);
        } catch (Reason r) {
            throw new InvalidValue("datetime_parsing", "Input should be a valid datetime, " + r.getMessage(),
                    Map.of("error", r.getMessage()));
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
