package io.fasterapi.pg.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.core.Future;
import io.fasterapi.core.Reactor;
import io.fasterapi.core.Shard;
import io.fasterapi.pg.PgConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The queue of callers on its own (no server): first come first served past the ring's first
 * growth, expired callers fail with "pool exhausted" while the others keep their order, and the
 * off-loop stack is shut exactly while anyone waits.
 */
class WaiterQueueTest {
    private static Reactor reactor;
    private static Shard shard;

    @BeforeAll
    static void start() {
        reactor = Reactor.builder().threads(1).name("waiter-queue-test").build();
        shard = reactor.shard(0);
    }

    @AfterAll
    static void stop() {
        reactor.shutdown(Duration.ZERO, Duration.ofSeconds(5)).await();
    }

    private static <T> T onLoop(java.util.concurrent.Callable<T> task) {
        return shard.submit(task).await(Duration.ofSeconds(5));
    }

    private static WaiterQueue queue(OffLoopIdle stack) {
        return new WaiterQueue(shard, stack, new AcquireTimes(), () -> "(figures)");
    }

    @Test
    void servesCallersInArrivalOrderPastTheRingsFirstGrowthAndShutsTheStackMeanwhile() {
        OffLoopIdle stack = new OffLoopIdle(null, 4);
        WaiterQueue q = queue(stack);
        List<Boolean> kinds = onLoop(() -> {
            List<Boolean> shared = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                q.add(i % 3 == 0, Duration.ofHours(1));
            }
            assertThat(stack.isShut()).isTrue();
            WaiterQueue.Waiter w;
            while ((w = q.poll()) != null) {
                shared.add(w.shared);
            }
            return shared;
        });
        assertThat(kinds).hasSize(40);
        for (int i = 0; i < 40; i++) {
            assertThat(kinds.get(i)).as("caller %d", i).isEqualTo(i % 3 == 0);
        }
        assertThat(stack.isShut()).isFalse();
    }

    @Test
    void failsExpiredCallersWithPoolExhaustedAndKeepsTheOthersInOrder() throws Exception {
        OffLoopIdle stack = new OffLoopIdle(null, 4);
        WaiterQueue q = queue(stack);
        List<Future<PooledConnection>> quick = new ArrayList<>();
        onLoop(() -> {
            for (int i = 0; i < 20; i++) {
                Future<PooledConnection> f = q.add(i % 2 == 0, i % 2 == 0 ? Duration.ofMillis(50) : Duration.ofHours(1));
                if (i % 2 == 0) {
                    quick.add(f);
                }
            }
            return null;
        });
        for (Future<PooledConnection> f : quick) {
            assertThat(catchFailure(f)).isInstanceOf(PgConnectionException.class)
                    .hasMessageContaining("pool exhausted: no connection within PT0.05S on shard 0 (figures)");
        }
        List<Boolean> left = onLoop(() -> {
            assertThat(q.size()).isEqualTo(10);
            List<Boolean> shared = new ArrayList<>();
            WaiterQueue.Waiter w;
            while ((w = q.poll()) != null) {
                shared.add(w.shared);
            }
            return shared;
        });
        assertThat(left).hasSize(10).containsOnly(false);
        assertThat(stack.isShut()).isFalse();
    }

    private static Throwable catchFailure(Future<?> f) {
        try {
            f.await(Duration.ofSeconds(5));
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
