package io.fasterapi.pg.internal.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.pg.PgException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A mistyped password — an unescaped '/' or '?' in a URL, a space in unquoted key=value — is split
 * by the parser into a port, a query parameter or a key; the error about that piece used to quote
 * it ("port 'se' is not an integer", "unknown key 'cret'"). Now such pieces read ***, while a
 * mistake elsewhere in the DSN is still named.
 */
class PasswordPiecesTest {
    static final Map<String, String> NO_ENV = Map.of();

    private static void refusedWithout(String dsn, String piece, String stillSays) {
        assertThatThrownBy(() -> DsnParser.parse(dsn, NO_ENV)).isInstanceOf(PgException.class)
                .hasMessageNotContaining(piece).hasMessageContaining(stillSays).hasMessageContaining("***");
    }

    @Test
    void anUnescapedSlashInAUrlPasswordDoesNotShowAsAPort() {
        refusedWithout("postgres://u:left/right@host/db", "left", "is not an integer");
    }

    @Test
    void anUnescapedQuestionMarkInAUrlPasswordDoesNotShowAsAParameter() {
        refusedWithout("postgres://u:left?right@host/db", "right", "has no value");
    }

    @Test
    void aSpaceInAnUnquotedPasswordDoesNotShowAsAKey() {
        refusedWithout("host=h user=u password=left right dbname=d", "right", "missing '='");
        refusedWithout("host=h user=u password=left right=x dbname=d", "right", "unknown key");
    }

    @Test
    void mistakesAwayFromThePasswordAreStillNamed() {
        assertThatThrownBy(() -> DsnParser.parse("postgres://u:pw@h/db?sslmod=require", NO_ENV))
                .hasMessageContaining("unknown key 'sslmod'").hasMessageNotContaining("***");
        assertThatThrownBy(() -> DsnParser.parse("sslmod=require host=h password=pw", NO_ENV))
                .hasMessageContaining("unknown key 'sslmod'");
        assertThatThrownBy(() -> DsnParser.parse("postgres://u:pw@h:54x32/db", NO_ENV))
                .hasMessageContaining("port '54x32'");
        assertThatThrownBy(() -> DsnParser.parse("host=h password=pw dbname=d sslmode=always", NO_ENV))
                .hasMessageContaining("sslmode 'always'");
    }
}
