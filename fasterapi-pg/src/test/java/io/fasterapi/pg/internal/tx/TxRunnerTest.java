package io.fasterapi.pg.internal.tx;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TxRunnerTest {

    @Test
    void retryPausesDoubleFromFiveMillisecondsUpToHalfASecondJitteredWithinTheUpperHalf() {
        for (int attempt = 0; attempt < 40; attempt++) {
            long ceiling = Math.min(500, 5L << Math.min(attempt, 30));
            for (int i = 0; i < 50; i++) {
                Duration pause = TxRunner.retryPause(attempt);
                assertThat(pause.toNanos()).as("attempt %d", attempt)
                        .isBetween(Duration.ofMillis(ceiling).toNanos() / 2, Duration.ofMillis(ceiling).toNanos());
            }
        }
    }
}
