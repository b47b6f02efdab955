package io.fasterapi.web.internal.json;

/**
 * Finds the first syntax error of a JSON text exactly as CPython's {@code json} module reports it
 * (the C scanner of {@code Modules/_json.c} and {@code json.decoder.JSONDecoder.decode}, Python
 * 3.13): its message ({@code "Expecting ',' delimiter"}, {@code "Unterminated string starting at"},
 * {@code "Extra data"}...) and its position in code points. FastAPI answers a malformed body with
 * {@code {"type":"json_invalid","loc":["body", e.pos],"ctx":{"error": e.msg}}}.
 *
 * <p>Runs only after Jackson has refused a body, so a valid request never pays for it; Jackson
 * stays the parser. Any thread; stateless.
 */
final class PythonJsonSyntax {
    /** A syntax error: Python's {@code JSONDecodeError.msg} and {@code .pos}. */
    record Error(String msg, int pos) {
    }

    // Deeper than this, the scan gives up (null) rather than risk the stack: Jackson's own depth limit
    // refuses such bodies before this runs, unless a syntax error came first.
    private static final int MAX_DEPTH = 1000;

    private final String s;
    private final int len;
    private int depth;

    private PythonJsonSyntax(String s) {
        this.s = s;
        this.len = s.length();
    }

    /** The first error of {@code text} as Python reports it, or null when Python would parse it. */
    static Error firstError(String text) {
        PythonJsonSyntax scanner = new PythonJsonSyntax(text);
        try {
            int end = scanner.scanOnce(scanner.skipWhitespace(0));
            end = scanner.skipWhitespace(end);
            if (end != scanner.len) {
                throw scanner.error("Extra data", end);
            }
            return null;
        } catch (TooDeep tooDeep) {
            return null;
        } catch (Failure f) {
            // Python positions count code points; Java indexes UTF-16 units.
            return new Error(f.msg, text.codePointCount(0, Math.min(f.pos, text.length())));
        }
    }

    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String msg;
        final int pos;

        Failure(String msg, int pos) {
            super(msg, null, false, false);
            this.msg = msg;
            this.pos = pos;
        }
    }

    private static final class TooDeep extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooDeep() {
            super(null, null, false, false);
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new TooDeep();
        }
    }

    private Failure error(String msg, int pos) {
        return new Failure(msg, pos);
    }

    // A StopIteration from the C scanner: json.decoder turns it into "Expecting value" at its index.
    private Failure expectingValue(int pos) {
        return error("Expecting value", pos);
    }

    private int skipWhitespace(int i) {
        while (i < len) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                break;
            }
            i++;
        }
        return i;
    }

    /** scan_once_unicode: the end of the value starting at {@code idx}. */
    private int scanOnce(int idx) {
        if (idx >= len) {
            throw expectingValue(idx);
        }
        char c = s.charAt(idx);
        switch (c) {
            case '"':
                return scanString(idx + 1);
            case '{':
                enter();
                int objectEnd = parseObject(idx + 1);
                depth--;
                return objectEnd;
            case '[':
                enter();
                int arrayEnd = parseArray(idx + 1);
                depth--;
                return arrayEnd;
            case 'n':
                return literal(idx, "null");
            case 't':
                return literal(idx, "true");
            case 'f':
                return literal(idx, "false");
            case 'N':
                return literal(idx, "NaN");
            case 'I':
                return literal(idx, "Infinity");
            case '-':
                if (s.startsWith("-Infinity", idx)) {
                    return idx + 9;
                }
                return matchNumber(idx);
            default:
                return matchNumber(idx);
        }
    }

    private int literal(int idx, String word) {
        if (s.startsWith(word, idx)) {
            return idx + word.length();
        }
        return matchNumber(idx);
    }

    /** _match_number_unicode: -?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)? */
    private int matchNumber(int start) {
        int idx = start;
        if (idx < len && s.charAt(idx) == '-') {
            idx++;
            if (idx >= len) {
                throw expectingValue(start);
            }
        }
        if (idx < len && s.charAt(idx) >= '1' && s.charAt(idx) <= '9') {
            idx++;
            while (idx < len && isDigit(s.charAt(idx))) {
                idx++;
            }
        } else if (idx < len && s.charAt(idx) == '0') {
            idx++;
        } else {
            throw expectingValue(start);
        }
        if (idx < len - 1 && s.charAt(idx) == '.' && isDigit(s.charAt(idx + 1))) {
            idx += 2;
            while (idx < len && isDigit(s.charAt(idx))) {
                idx++;
            }
        }
        if (idx < len - 1 && (s.charAt(idx) == 'e' || s.charAt(idx) == 'E')) {
            int eStart = idx;
            idx++;
            if (idx < len - 1 && (s.charAt(idx) == '-' || s.charAt(idx) == '+')) {
                idx++;
            }
            int digits = idx;
            while (idx < len && isDigit(s.charAt(idx))) {
                idx++;
            }
            if (idx == digits) {
                idx = eStart;
            }
        }
        return idx;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** scanstring_unicode (strict): {@code end} is just past the opening quote. */
    private int scanString(int end) {
        int begin = end - 1;
        while (true) {
            int next = end;
            char c = 0;
            for (; next < len; next++) {
                c = s.charAt(next);
                if (c == '"' || c == '\\') {
                    break;
                }
                if (c <= 0x1f) {
                    throw error("Invalid control character at", next);
                }
            }
            if (next >= len) {
                throw error("Unterminated string starting at", begin);
            }
            next++;
            if (c == '"') {
                return next;
            }
            if (next == len) {
                throw error("Unterminated string starting at", begin);
            }
            c = s.charAt(next);
            if (c != 'u') {
                end = next + 1;
                if ("\"\\/bfnrt".indexOf(c) < 0) {
                    throw error("Invalid \\escape", end - 2);
                }
                continue;
            }
            next++;
            end = next + 4;
            if (end >= len) {
                throw error("Invalid \\uXXXX escape", next - 1);
            }
            int unit = hex4(next, end);
            next = end;
            if (Character.isHighSurrogate((char) unit) && end + 6 < len && s.charAt(next) == '\\'
                    && s.charAt(next + 1) == 'u') {
                end += 6;
                hex4(next + 2, end);
            }
        }
    }

    private int hex4(int from, int end) {
        int v = 0;
        for (int i = from; i < end; i++) {
            char c = s.charAt(i);
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) {
                throw error("Invalid \\uXXXX escape", end - 5);
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /** _parse_object_unicode: {@code idx} is just past the opening brace. */
    private int parseObject(int idx) {
        idx = skipWhitespace(idx);
        if (idx < len && s.charAt(idx) == '}') {
            return idx + 1;
        }
        while (true) {
            if (idx >= len || s.charAt(idx) != '"') {
                throw error("Expecting property name enclosed in double quotes", idx);
            }
            idx = skipWhitespace(scanString(idx + 1));
            if (idx >= len || s.charAt(idx) != ':') {
                throw error("Expecting ':' delimiter", idx);
            }
            idx = skipWhitespace(scanOnce(skipWhitespace(idx + 1)));
            if (idx < len && s.charAt(idx) == '}') {
                return idx + 1;
            }
            if (idx >= len || s.charAt(idx) != ',') {
                throw error("Expecting ',' delimiter", idx);
            }
            int comma = idx;
            idx = skipWhitespace(idx + 1);
            if (idx < len && s.charAt(idx) == '}') {
                throw error("Illegal trailing comma before end of object", comma);
            }
        }
    }

    /** _parse_array_unicode: {@code idx} is just past the opening bracket. */
    private int parseArray(int idx) {
        idx = skipWhitespace(idx);
        if (idx < len && s.charAt(idx) == ']') {
            return idx + 1;
        }
        while (true) {
            idx = skipWhitespace(scanOnce(idx));
            if (idx < len && s.charAt(idx) == ']') {
                return idx + 1;
            }
            if (idx >= len || s.charAt(idx) != ',') {
                throw error("Expecting ',' delimiter", idx);
            }
            int comma = idx;
            idx = skipWhitespace(idx + 1);
            if (idx < len && s.charAt(idx) == ']') {
                throw error("Illegal trailing comma before end of array", comma);
            }
        }
    }
}
