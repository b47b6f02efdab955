package io.fasterapi.web.internal.observability;

/**
 * One JSON object written by hand into a {@link StringBuilder}, field after field: a log line costs
 * its characters and one string, no tree of nodes and no serializer. Strings are escaped as RFC 8259
 * §7 requires ({@code "}, {@code \} and U+0000–U+001F), and also DEL, U+2028, U+2029 (which end a line
 * for JavaScript and some log viewers) and unpaired surrogates (which have no UTF-8 form), each as
 * {@code \}{@code uXXXX} unless it has a short escape; every other character is written as it is.
 * Field names are the caller's constants and are not escaped. Confined to the thread that builds it.
 */
public final class JsonLine {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out;
    private boolean empty = true;

    /** An object about to receive fields; {@code capacity} is the expected length of the line. */
    public JsonLine(int capacity) {
        this.out = new StringBuilder(capacity).append('{');
    }

    /** The builder, after {@link #name}, to write a value the other methods do not (a time, say). */
    public StringBuilder raw() {
        return out;
    }

    /** Writes {@code "name":} (and the comma before it unless it is the first field). */
    public JsonLine name(String name) {
        if (!empty) {
            out.append(',');
        }
        empty = false;
        out.append('"').append(name).append("\":");
        return this;
    }

    /** A string field, or {@code null}. */
    public JsonLine string(String name, String value) {
        return string(name, value, Integer.MAX_VALUE);
    }

    /** A string field cut to its first {@code maxChars} characters (a surrogate pair is never split), or {@code null}. */
    public JsonLine string(String name, String value, int maxChars) {
        name(name);
        if (value == null) {
            out.append("null");
            return this;
        }
        int end = value.length();
        if (end > maxChars) {
            end = Character.isHighSurrogate(value.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        }
        out.append('"');
        escape(value, end);
        out.append('"');
        return this;
    }

    /** A whole-number field. */
    public JsonLine number(String name, long value) {
        name(name);
        out.append(value);
        return this;
    }

    /** A field holding {@code null}. */
    public JsonLine nullField(String name) {
        name(name);
        out.append("null");
        return this;
    }

    /** A duration field in milliseconds with three decimals (microseconds): {@code 1.234} for 1,234,567 ns. */
    public JsonLine millis(String name, long nanos) {
        name(name);
        long micros = Math.max(0, nanos) / 1000;
        long fraction = micros % 1000;
        out.append(micros / 1000).append('.');
        if (fraction < 100) {
            out.append(fraction < 10 ? "00" : "0");
        }
        out.append(fraction);
        return this;
    }

    /** Closes the object and returns it. */
    public String end() {
        return out.append('}').toString();
    }

    private void escape(String s, int end) {
        int plain = 0; // start of the run of characters written as they are
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            String shortEscape = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                default -> null;
            };
            boolean unicodeEscape = shortEscape == null
                    && (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || isUnpairedSurrogate(s, i, end));
            if (shortEscape == null && !unicodeEscape) {
                if (Character.isHighSurrogate(c)) {
                    i++; // its low surrogate follows (else it would be unpaired): the pair is written as it is
                }
                continue;
            }
            out.append(s, plain, i);
            if (shortEscape != null) {
                out.append(shortEscape);
            } else {
                out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf])
                        .append(HEX[c & 0xf]);
            }
            plain = i + 1;
        }
        out.append(s, plain, end);
    }

    private static boolean isUnpairedSurrogate(String s, int i, int end) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= end || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        // A low surrogate reached here had no high one before it: a pair's low half is skipped.
        return Character.isLowSurrogate(c);
    }
}
