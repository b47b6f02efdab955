package io.fasterapi.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.testing.AllowsPinning;
import io.fasterapi.testing.PinnedThreadDetector;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A loop-carried virtual thread that blocks while pinned (here, in a class initialiser) blocks its
 * event loop; the tests' pinned-thread guard reports it with the thread's name and the offending
 * frames, and this shows that the loop really stood still meanwhile.
 */
@AllowsPinning("pins on purpose, to show a pinning on a loop carrier is reported")
class LoopCarrierPinningTest {

    static final class SleepsInItsInitialiser {
        static {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static void touch() {
        }
    }

    @Test
    void aPinnedLoopCarriedThreadIsReportedWithItsFramesAndHoldsTheLoop() throws Exception {
        try (Reactor r = Reactor.builder().threads(1).virtualThreads(VirtualThreads.LOOP).build()) {
            Shard s = r.shard(0);
            PinnedThreadDetector detector = new PinnedThreadDetector().start();
            AtomicLong taskLatencyNanos = new AtomicLong();
            Thread t = s.startVirtualThread(() -> {
                long queued = System.nanoTime();
                s.execute(() -> taskLatencyNanos.set(System.nanoTime() - queued));
                SleepsInItsInitialiser.touch();
            });
            t.join(5_000);
            s.submit(() -> null).await(Duration.ofSeconds(5));
            List<String> pinnings = detector.stop().stream().filter(p -> p.contains("SleepsInItsInitialiser")).toList();
            assertThat(pinnings).isNotEmpty();
            assertThat(pinnings.get(0)).contains("in shard-0-vt@loop").contains("SleepsInItsInitialiser.<clinit>");
            assertThat(Duration.ofNanos(taskLatencyNanos.get())).as("the loop ran nothing while its carrier was pinned")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(90));
        }
    }
}
