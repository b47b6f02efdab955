package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

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
        ChildJvm child = ChildJvm.run(ParserWarmupMain.class);
        String out = child.output();
        assertThat(child.exitValue()).as(out).isZero();
        assertThat(out).as(out).contains("200 200 parsing-after-get=false").contains(" parsing-after-post=true");
        // Racing first loads of a class may still contend (the pinned-thread guard tolerates them); no virtual
        // thread may run a class initialiser that blocks, BigDecimal's above all
        assertThat(out).as(out).doesNotContain("<clinit>").doesNotContain("BigDecimal");
        assertThat(out.split("200 \\[\"big\",\"n\",\"x\"\\]", -1)).as(out).hasSize(9);
    }
}
