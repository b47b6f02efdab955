package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Jackson's parser (its first use initialises {@code BigDecimal}, whose tables the JDK computes on the common
 * pool: ~20 ms, 2 MiB and two threads) is prepared at startup only for an app with a route reading a JSON
 * body; for another, the event loop prepares it before the first request with a body reaches a virtual
 * thread, so that a blocking lambda's {@code request.json(...)} never initialises it there (which would pin
 * the carrier for as long). In a JVM of its own: the preparation happens once per process.
 */
class ParserWarmupTest {

    @Test
    void anAppReadingNoJsonBodyStartsWithoutTheParserAndItsFirstBodyIsParsedWithoutPinning() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(List.of(java, "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", classpath, ParserWarmupMain.class.getName())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).as(out).contains("200 200 parsing-after-get=false").contains(" parsing-after-post=true");
        // Racing first loads of a class may still contend (the pinned-thread guard tolerates them); no virtual
        // thread may run a class initialiser that blocks, BigDecimal's above all
        assertThat(out).as(out).doesNotContain("<clinit>").doesNotContain("BigDecimal");
        assertThat(out.split("200 \\[\"big\",\"n\",\"x\"\\]", -1)).as(out).hasSize(9);
    }
}
