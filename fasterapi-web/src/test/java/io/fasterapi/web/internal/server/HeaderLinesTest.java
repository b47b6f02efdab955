package io.fasterapi.web.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderLinesTest {
    @ParameterizedTest
    @ValueSource(longs = {0, 7, 9, 10, 13, 99, 100, 65_535, 1_000_000, Long.MAX_VALUE})
    void headBufferWritesDecimalsAsLongToStringDoes(long n) {
        assertThat(new HeadBuffer().put("x").putDecimal(n).toString()).isEqualTo("x" + n);
    }

    @org.junit.jupiter.api.Test
    void headBufferGrowsAndKeepsNonAsciiAsUtf8() {
        HeadBuffer head = new HeadBuffer();
        String big = "h".repeat(2000);
        head.put(big).put("é");
        ByteBuf out = Unpooled.buffer();
        try {
            head.copyTo(out);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(big + "é");
        } finally {
            out.release();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad name", "bad:name", "", "bad\r\n"})
    void rejectsNamesThatAreNotTokens(String name) {
        assertThatThrownBy(() -> HeaderLines.check(name, "v")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nb", "a\nb", "a\rb", "a\u0000b"})
    void rejectsValuesThatWouldSplitTheResponse(String value) {
        assertThatThrownBy(() -> HeaderLines.check("X-Ok", value)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HeaderLines.contentType(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 200, 204, 404, 431, 599})
    void statusLinesAreHttp11WithTheReasonPhrase(int code) {
        String line = new String(HeaderLines.statusLine(code), StandardCharsets.US_ASCII);
        assertThat(line).startsWith("HTTP/1.1 " + code + " ").endsWith("\r\n");
    }
}
