package io.fasterapi.web.internal.server;

import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The {@code Date} header value (RFC 9110 §6.6.1), formatted at most once per second, also as a
 * ready-to-copy header line. A benign race: two threads may both format the same second; each reads
 * a consistent (immutable) snapshot. Formatted by hand from the UTC fields: a {@code Calendar} (Netty's
 * {@code DateFormatter}) loads the JDK's locale data on first use, ~20 ms of the first response.
 */
final class HttpDates {
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    private record Snapshot(long second, AsciiString value, byte[] line) {
    }

    private static volatile Snapshot current = new Snapshot(-1, AsciiString.EMPTY_STRING, new byte[0]);

    private HttpDates() {
    }

    /** Now, formatted as an IMF-fixdate. Any thread. */
    static AsciiString now() {
        return snapshot().value;
    }

    /** {@code "date: <now>\r\n"}; the caller must not modify the array. Any thread. */
    static byte[] headerLine() {
        return snapshot().line;
    }

    private static Snapshot snapshot() {
        long second = System.currentTimeMillis() / 1000;
        Snapshot s = current;
        if (s.second != second) {
            String value = imfFixdate(second);
            s = new Snapshot(second, AsciiString.cached(value),
                    ("date: " + value + "\r\n").getBytes(StandardCharsets.US_ASCII));
            current = s;
        }
        return s;
    }

    /** {@code epochSecond} as an IMF-fixdate, {@code Sun, 06 Nov 1994 08:49:37 GMT} (years 1970 to 9999). */
    static String imfFixdate(long epochSecond) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(29).append(DAYS[t.getDayOfWeek().ordinal()]).append(", ");
        twoDigits(b, t.getDayOfMonth()).append(' ').append(MONTHS[t.getMonthValue() - 1]).append(' ')
                .append(t.getYear()).append(' ');
        twoDigits(b, t.getHour()).append(':');
        twoDigits(b, t.getMinute()).append(':');
        return twoDigits(b, t.getSecond()).append(" GMT").toString();
    }

    private static StringBuilder twoDigits(StringBuilder b, int n) {
        return b.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }
}
