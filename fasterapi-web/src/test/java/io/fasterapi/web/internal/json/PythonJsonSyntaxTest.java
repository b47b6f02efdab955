package io.fasterapi.web.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Python-compatible scan agrees with Jackson on what is JSON (so a body Jackson refuses always
 * gets Python's message, and one it accepts is never called malformed), over seeded random mutations
 * of valid documents; and it reports CPython 3.13's messages and positions.
 */
class PythonJsonSyntaxTest {
    private static final JsonMapper JACKSON = JsonMapper.builder().build();
    private static final String[] DOCUMENTS = {
        "{\"name\": \"abc\", \"price\": 1.5, \"tags\": [\"a\", \"b\"], \"n\": null, \"ok\": true}",
        "[1, -2, 3.25e-3, {\"a\": {\"b\": [false, \"\\u00e9\\n\"]}}, []]",
        "{\"deep\": [[[{\"x\": -0}]]], \"s\": \"\\\"q\\\" \\\\ /\"}",
        "\"just a string\"",
        "12345",
    };
    // Characters that make a document malformed (or keep it valid); no N or I, which only Python
    // reads (NaN, Infinity).
    private static final String ALPHABET = "{}[],:\" \\\t\n-+.eE0123456789abcfnrtux/";

    static LongStream seeds() {
        return new Random().longs(200);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void agreesWithJacksonOnWhatIsJson(long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(DOCUMENTS[random.nextInt(DOCUMENTS.length)]);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
            switch (random.nextInt(3)) {
                case 0 -> text.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 1 -> {
                    if (at < text.length()) {
                        text.deleteCharAt(at);
                    }
                }
                default -> {
                    if (at < text.length()) {
                        text.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    }
                }
            }
        }
        String s = text.toString();
        boolean jackson;
        try {
            jackson = !JACKSON.readTree(s).isMissingNode();
        } catch (JacksonException e) {
            jackson = false;
        }
        PythonJsonSyntax.Error python = PythonJsonSyntax.firstError(s);
        assertThat(python == null).as("seed " + seed + ": <" + s + "> python " + python + ", jackson " + jackson)
                .isEqualTo(jackson);
        if (python != null) {
            assertThat(python.pos()).as("seed " + seed).isBetween(0, s.length());
        }
    }

    @Test
    void reportsCpythonsMessagesAndPositions() {
        assertThat(PythonJsonSyntax.firstError("")).isEqualTo(new PythonJsonSyntax.Error("Expecting value", 0));
        assertThat(PythonJsonSyntax.firstError("{\"a\": 1 2}"))
                .isEqualTo(new PythonJsonSyntax.Error("Expecting ',' delimiter", 8));
        assertThat(PythonJsonSyntax.firstError("[1, 2,]"))
                .isEqualTo(new PythonJsonSyntax.Error("Illegal trailing comma before end of array", 5));
        assertThat(PythonJsonSyntax.firstError("{\"a\": \"\\u12\"}"))
                .isEqualTo(new PythonJsonSyntax.Error("Invalid \\uXXXX escape", 8));
        assertThat(PythonJsonSyntax.firstError("[\"😀\", x]"))
                .isEqualTo(new PythonJsonSyntax.Error("Expecting value", 6)); // the emoji: one code point, two UTF-16 units
        assertThat(PythonJsonSyntax.firstError("NaN")).isNull();
        assertThat(PythonJsonSyntax.firstError("[-Infinity, 1e5, -0.5E-3]")).isNull();
        assertThat(PythonJsonSyntax.firstError("1.")).isEqualTo(new PythonJsonSyntax.Error("Extra data", 1));
        assertThat(PythonJsonSyntax.firstError("[" .repeat(5000))).isNull(); // too deep to scan: Jackson's limit answers
    }
}
