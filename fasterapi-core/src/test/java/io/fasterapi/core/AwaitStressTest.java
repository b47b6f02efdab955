package io.fasterapi.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Sixteen virtual threads awaiting futures of one loop as fast as they can: every await must
 * return. This once lost a wake-up every few million calls and left threads parked for good (found
 * by the pool benchmark's blocking callers).
 */
class AwaitStressTest {

    @Test
    void sixteenVirtualThreadsAwaitingOneLoopAllFinish() throws Exception {
        try (Reactor reactor = Reactor.builder().threads(1).build()) {
            Shard shard = reactor.shard(0);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
            AtomicLong calls = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    while (System.nanoTime() < end) {
                        assertThat(shard.submitAsync(() -> Future.ready(1)).await()).isEqualTo(1);
                        shard.execute(() -> { });
                        calls.incrementAndGet();
                    }
                }));
            }
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(20));
                assertThat(t.isAlive()).as("a virtual thread is still parked in await() after %d calls", calls.get())
                        .isFalse();
            }
            assertThat(calls.get()).isPositive();
        }
    }
}
