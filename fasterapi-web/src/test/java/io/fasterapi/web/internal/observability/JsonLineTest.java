package io.fasterapi.web.internal.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class JsonLineTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private static String line(String value) {
        return new JsonLine(16).string("s", value).end();
    }

    private static Object parsed(String line) {
        Map<?, ?> fields = JSON.readValue(line, LinkedHashMap.class);
        return fields.get("s");
    }

    @Test
    void writesFieldsInOrderWithCommasAndNulls() {
        String line = new JsonLine(64).string("a", "x").number("n", -42).nullField("z").string("b", null)
                .millis("ms", 1_234_567).end();
        assertThat(line).isEqualTo("{\"a\":\"x\",\"n\":-42,\"z\":null,\"b\":null,\"ms\":1.234}");
        assertThat(new JsonLine(8).end()).isEqualTo("{}");
    }

    @Test
    void millisHaveThreeDecimalsPaddedWithZeros() {
        assertThat(new JsonLine(8).millis("t", 0).end()).isEqualTo("{\"t\":0.000}");
        assertThat(new JsonLine(8).millis("t", 5_000).end()).isEqualTo("{\"t\":0.005}");
        assertThat(new JsonLine(8).millis("t", 12_050_000).end()).isEqualTo("{\"t\":12.050}");
        assertThat(new JsonLine(8).millis("t", -1).end()).isEqualTo("{\"t\":0.000}");
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        String value = "a\"b\\c\nd\re\tf\bg\fh\u0000i\u001fj\u007fk";
        String line = line(value);
        assertThat(line).isEqualTo("{\"s\":\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0000i\\u001fj\\u007fk\"}");
        assertThat(line).doesNotContain("\n", "\r", "\u0000");
        assertThat(parsed(line)).isEqualTo(value);
    }

    @Test
    void writesUnicodeAsItIsExceptLineSeparatorsAndUnpairedSurrogates() {
        String value = "é€😀\u2028\u2029";
        assertThat(line(value)).isEqualTo("{\"s\":\"é€😀\\u2028\\u2029\"}");
        assertThat(parsed(line(value))).isEqualTo(value);
        assertThat(line("a\ud83db")).isEqualTo("{\"s\":\"a\\ud83db\"}");
        assertThat(line("a\ude00b")).isEqualTo("{\"s\":\"a\\ude00b\"}");
        assertThat(line("a\ud83d")).isEqualTo("{\"s\":\"a\\ud83d\"}");
        assertThat(line("\ude00\ud83d")).isEqualTo("{\"s\":\"\\ude00\\ud83d\"}");
    }

    @Test
    void cutsToTheLimitWithoutSplittingASurrogatePair() {
        assertThat(new JsonLine(8).string("s", "abcdef", 3).end()).isEqualTo("{\"s\":\"abc\"}");
        assertThat(new JsonLine(8).string("s", "ab😀", 3).end()).isEqualTo("{\"s\":\"ab\"}");
        assertThat(new JsonLine(8).string("s", "ab😀", 4).end()).isEqualTo("{\"s\":\"ab😀\"}");
        assertThat(new JsonLine(8).string("s", "a\"", 1).end()).isEqualTo("{\"s\":\"a\"}");
    }
}
