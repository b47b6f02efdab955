package io.fasterapi.web.internal.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WarmupGateTest {
    @Test
    void aVirtualThreadPassesOnlyOnceTheWarmUpHasEnded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        WarmupGate gate = gateOpenedBy(release);
        CountDownLatch passed = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            gate.pass();
            passed.countDown();
        });
        assertThat(passed.await(200, TimeUnit.MILLISECONDS)).as("waits while the warm-up runs").isFalse();
        assertThat(gate.isOpen()).isFalse();
        release.countDown();
        assertThat(passed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(gate.isOpen()).isTrue();
    }

    @Test
    void aFailedWarmUpOpensTheGateToo() {
        WarmupGate gate = WarmupGate.after(StartupTask.start("warmup-gate-test", () -> {
            throw new IllegalStateException("warm-up failed");
        }));
        gate.pass();
        assertThat(gate.isOpen()).isTrue();
    }

    @Test
    void awaitOpenWaitsAtMostItsTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        WarmupGate gate = gateOpenedBy(release);
        assertThat(gate.awaitOpen(Duration.ofMillis(100))).as("still warming up").isFalse();
        release.countDown();
        assertThat(gate.awaitOpen(Duration.ofSeconds(10))).isTrue();
        assertThat(gate.isOpen()).isTrue();
    }

    /** A gate whose warm-up runs until {@code release} is counted down. */
    private static WarmupGate gateOpenedBy(CountDownLatch release) {
        return WarmupGate.after(StartupTask.start("warmup-gate-test", () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
    }
}
