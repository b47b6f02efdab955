package io.fasterapi.web.internal.server;

import io.netty.handler.codec.DateFormatter;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.Date;

/**
 * The {@code Date} header value (RFC 9110 §6.6.1), formatted at most once per second, also as a
 * ready-to-copy header line. A benign race: two threads may both format the same second; each reads
 * a consistent (immutable) snapshot.
 */
final class HttpDates {
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
            String value = DateFormatter.format(new Date(second * 1000));
            s = new Snapshot(second, AsciiString.cached(value),
                    ("date: " + value + "\r\n").getBytes(StandardCharsets.US_ASCII));
            current = s;
        }
        return s;
    }
}
