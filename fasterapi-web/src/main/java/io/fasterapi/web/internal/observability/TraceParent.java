package io.fasterapi.web.internal.observability;

/**
 * Reads the trace id of a W3C Trace Context {@code traceparent} header
 * (<a href="https://www.w3.org/TR/trace-context/#traceparent-header">§3.2</a>):
 * {@code version-traceid-parentid-flags}, {@code 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01}.
 * A header that does not parse, or whose trace or parent id is all zeros, carries no trace (§3.2.2.3:
 * the receiver ignores it). What it returns is 32 lowercase hex digits or null: nothing a client
 * writes there reaches a log unchecked.
 */
public final class TraceParent {
    /** The header's name. */
    public static final String HEADER = "traceparent";
    private static final int LENGTH = 55; // 2 + 1 + 32 + 1 + 16 + 1 + 2

    private TraceParent() {
    }

    /** The trace id of {@code header}, or null when it is absent or not a valid {@code traceparent}. */
    public static String traceId(String header) {
        if (header == null || header.length() < LENGTH) {
            return null;
        }
        String version = header.substring(0, 2);
        if (!isHex(header, 0, 2) || version.equals("ff")) {
            return null;
        }
        // Version 00 is exactly 55 characters; a later version may append fields after a '-' (§3.2.4).
        if (version.equals("00") ? header.length() != LENGTH : header.length() > LENGTH && header.charAt(LENGTH) != '-') {
            return null;
        }
        if (header.charAt(2) != '-' || header.charAt(35) != '-' || header.charAt(52) != '-'
                || !isHex(header, 3, 35) || !isHex(header, 36, 52) || !isHex(header, 53, 55)
                || isZeros(header, 3, 35) || isZeros(header, 36, 52)) {
            return null;
        }
        return header.substring(3, 35);
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isZeros(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
