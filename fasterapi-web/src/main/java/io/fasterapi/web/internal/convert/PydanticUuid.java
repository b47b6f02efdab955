package io.fasterapi.web.internal.convert;

import io.fasterapi.web.internal.errors.InvalidValue;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** UUIDs read from text as pydantic 2 reads them. Stateless; any thread. */
final class PydanticUuid {
    private PydanticUuid() {
    }

    /**
     * pydantic's UUID parsing (the Rust {@code uuid} crate's {@code parse_str}): 32 hex digits, or
     * 8-4-4-4-12 hyphenated, braced or after {@code urn:uuid:}; nothing stripped. The error is
     * {@code uuid_parsing} with the crate's reason in {@code ctx.error}.
     */
    static UUID parse(String s) throws InvalidValue {
        String hex = null;
        if (s.length() == 32) {
            hex = s;
        } else if (s.length() == 36 && hyphenated(s)) {
            hex = s.replace("-", "");
        } else if (s.length() == 38 && s.charAt(0) == '{' && s.charAt(37) == '}' && hyphenated(s.substring(1, 37))) {
            hex = s.substring(1, 37).replace("-", "");
        } else if (s.length() == 45 && s.startsWith("urn:uuid:") && hyphenated(s.substring(9))) {
            hex = s.substring(9).replace("-", "");
        }
        if (hex != null && isHex(hex)) {
            return new UUID(Long.parseUnsignedLong(hex, 0, 16, 16), Long.parseUnsignedLong(hex, 16, 32, 16));
        }
        String reason = uuidReason(s);
        throw new InvalidValue("uuid_parsing", "Input should be a valid UUID, " + reason, Map.of("error", reason));
    }

    private static boolean hyphenated(String s) {
        return s.charAt(8) == '-' && s.charAt(13) == '-' && s.charAt(18) == '-' && s.charAt(23) == '-';
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0 || s.charAt(i) > 'f') {
                return false;
            }
        }
        return true;
    }

    // The uuid crate's InvalidUuid::into_err: the first bad character (1-based), else the length,
    // the group count or the first group of the wrong length.
    private static String uuidReason(String input) {
        String body = input;
        int offset = 0;
        boolean simple = true;
        if (input.length() >= 2 && input.startsWith("{") && input.endsWith("}")) {
            body = input.substring(1, input.length() - 1);
            offset = 1;
            simple = false;
        } else if (input.startsWith("urn:uuid:")) {
            body = input.substring(9);
            offset = 9;
            simple = false;
        }
        int hyphens = 0;
        int[] bounds = new int[4];
        byte[] utf8 = body.getBytes(StandardCharsets.UTF_8);
        int index = 0;
        for (int i = 0; i < body.length(); ) {
            int cp = body.codePointAt(i);
            if (cp == '-') {
                if (hyphens < 4) {
                    bounds[hyphens] = index;
                }
                hyphens++;
            } else if (cp > 0x7F || Character.digit(cp, 16) < 0) {
                return "invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `"
                        + new String(Character.toChars(cp)) + "` at " + (index + offset + 1);
            }
            index += new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            i += Character.charCount(cp);
        }
        if (hyphens == 0 && simple) {
            return "invalid length: expected length 32 for simple format, found " + utf8.length;
        }
        if (hyphens != 4) {
            return "invalid group count: expected 5, found " + (hyphens + 1);
        }
        int[] starts = {0, 9, 14, 19, 24};
        int[] expected = {8, 4, 4, 4, 12};
        for (int g = 0; g < 4; g++) {
            if (bounds[g] != starts[g + 1] - 1) {
                return "invalid group length in group " + g + ": expected " + expected[g] + ", found "
                        + (bounds[g] - starts[g]);
            }
        }
        return "invalid group length in group 4: expected 12, found "
                + (input.getBytes(StandardCharsets.UTF_8).length - starts[4]);
    }
}
