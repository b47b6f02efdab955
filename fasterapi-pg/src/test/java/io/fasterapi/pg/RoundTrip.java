package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

/**
 * The codec round trip every test uses: the server parses a literal, the driver decodes what the
 * server sends (binary), sends that Java value back as a parameter (binary), and the server says
 * whether it is the same value.
 */
final class RoundTrip {
    /** Types without a usable = operator (or whose = compares areas), compared by their text form. */
    private static final Set<String> COMPARED_AS_TEXT = Set.of("json", "point", "line", "lseg", "box", "path",
            "polygon", "circle", "point[]", "line[]", "lseg[]", "box[]", "path[]", "polygon[]", "circle[]",
            "json[]", "xml", "public.hstore", "public.hstore[]");

    private RoundTrip() {
    }

    /**
     * Round-trips {@code literal} (text input of {@code type}, null for NULL) and returns the decoded
     * Java value; {@code context} (such as the seed) is printed on failure.
     */
    static Object check(Pg pg, String type, String literal, String context) {
        Object decoded = pg.exec("SELECT $1::text::" + type, literal).scalar();
        String sql = COMPARED_AS_TEXT.contains(type)
                ? "SELECT $1::" + type + "::text IS NOT DISTINCT FROM $2::text::" + type + "::text"
                : "SELECT $1::" + type + " IS NOT DISTINCT FROM $2::text::" + type;
        Boolean same = pg.exec(sql, decoded, literal).scalar(Boolean.class);
        assertThat(same).as("%s %s decoded as %s did not round-trip (%s)", type, abbreviate(literal),
                abbreviate(String.valueOf(decoded)), context).isTrue();
        return decoded;
    }

    static String abbreviate(String s) {
        return s == null || s.length() <= 120 ? "'" + s + "'" : "'" + s.substring(0, 120) + "...' (" + s.length() + " chars)";
    }
}
