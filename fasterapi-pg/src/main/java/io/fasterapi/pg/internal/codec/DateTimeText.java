package io.fasterapi.pg.internal.codec;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Parses the ISO output of DateStyle=ISO (which the driver sets at startup): {@code 2024-02-29},
 * {@code 2024-02-29 13:01:02.5}, {@code ...+05:30}, with an optional {@code  BC} suffix and years
 * beyond 9999.
 */
final class DateTimeText {
    private DateTimeText() {
    }

    static LocalDate parseDate(String s) {
        boolean bc = s.endsWith(" BC");
        if (bc) {
            s = s.substring(0, s.length() - 3);
        }
        int d1 = s.indexOf('-');
        int d2 = s.indexOf('-', d1 + 1);
        int year = Integer.parseInt(s, 0, d1, 10);
        int month = Integer.parseInt(s, d1 + 1, d2, 10);
        int day = Integer.parseInt(s, d2 + 1, s.length(), 10);
        return LocalDate.of(bc ? 1 - year : year, month, day);
    }

    static LocalDateTime parseTimestamp(String s) {
        boolean bc = s.endsWith(" BC");
        if (bc) {
            s = s.substring(0, s.length() - 3);
        }
        int space = s.indexOf(' ');
        LocalDate date = parseDate(s.substring(0, space) + (bc ? " BC" : ""));
        return LocalDateTime.of(date, LocalTime.parse(s.substring(space + 1)));
    }

    static OffsetDateTime parseTimestamptz(String s) {
        boolean bc = s.endsWith(" BC");
        if (bc) {
            s = s.substring(0, s.length() - 3);
        }
        int space = s.indexOf(' ');
        int sign = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
        if (sign < space) {
            throw new IllegalArgumentException("timestamptz without offset: " + s);
        }
        String off = s.substring(sign);
        ZoneOffset offset = ZoneOffset.of(off.length() == 3 ? off : off);
        LocalDate date = parseDate(s.substring(0, space) + (bc ? " BC" : ""));
        LocalTime time = LocalTime.parse(s.substring(space + 1, sign));
        return OffsetDateTime.of(date, time, offset).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
