package io.fasterapi.web.internal.server;

import io.netty.handler.codec.DateFormatter;
import io.netty.util.AsciiString;
import java.util.Date;

/**
 * The {@code Date} header value (RFC 9110 §6.6.1), formatted at most once per second. A benign race:
 * two threads may both format the same second; each reads a consistent (immutable) snapshot.
 */
final class HttpDates {
    private record Snapshot(long second, AsciiString value) {
    }

    private static volatile Snapshot current = new Snapshot(-1, AsciiString.EMPTY_STRING);

    private HttpDates() {
    }

    /** Now, formatted as an IMF-fixdate. Any thread. */
    static AsciiString now() {
        long millis = System.currentTimeMillis();
        long second = millis / 1000;
        Snapshot s = current;
        if (s.second != second) {
            s = new Snapshot(second, AsciiString.cached(DateFormatter.format(new Date(second * 1000))));
            current = s;
        }
        return s.value;
    }
}
