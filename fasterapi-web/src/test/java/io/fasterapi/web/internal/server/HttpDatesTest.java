package io.fasterapi.web.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.DateFormatter;
import java.util.Date;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hand-written IMF-fixdate is Netty's {@code DateFormatter}'s, for random seconds of years 1970 to 9999 (a
 * server's clock; before 1583 {@code GregorianCalendar} switches to the Julian calendar, RFC 9110 does not).
 */
class HttpDatesTest {
    private static final long YEAR_10000 = 253_402_300_800L;

    static LongStream seeds() {
        return LongStream.range(0, 8).map(i -> 0xDA7E0000L + i);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void formatsAsNettysDateFormatter(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            long second = i == 0 ? 784_111_777L : (long) (random.nextDouble() * YEAR_10000);
            assertThat(HttpDates.imfFixdate(second)).as("seed %d, second %d", seed, second)
                    .isEqualTo(DateFormatter.format(new Date(second * 1000)));
        }
        assertThat(HttpDates.imfFixdate(784_111_777L)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    }
}
