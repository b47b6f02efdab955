package io.fasterapi.bench.http;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The HTTP Date header value, recomputed at most once a second (TechEmpower requires the header). */
final class HttpDate {
    private static volatile String value = now();
    private static volatile long computedAt = System.currentTimeMillis();

    private HttpDate() {
    }

    static String get() {
        long t = System.currentTimeMillis();
        if (t - computedAt >= 1000) {
            value = now();
            computedAt = t;
        }
        return value;
    }

    private static String now() {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
    }
}
