package io.fasterapi.pg.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lock-free idle stack on its own (no server): LIFO order, counts, and under contention no
 * entry is ever taken by two threads at once, the ABA case included. Seeds derive from
 * {@code -Dfasterapi.seed=N} (a fresh one each run otherwise).
 */
class SharedIdleStackTest {
    private static final long BASE_SEED = Long.getLong("fasterapi.seed", System.nanoTime());
    private static final int ENTRIES = 6;

    private static List<PooledConnection> register(SharedIdleStack stack, int n) {
        List<PooledConnection> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PooledConnection pc = new PooledConnection(null, 0, Long.MAX_VALUE, stack.claimSlot());
            stack.register(pc);
            entries.add(pc);
        }
        return entries;
    }

    @Test
    void popsTheMostRecentlyPushedFirstAndCountsRemovals() {
        SharedIdleStack stack = new SharedIdleStack(3);
        List<PooledConnection> e = register(stack, 3);
        assertThat(stack.pop()).isNull();
        e.forEach(stack::push);
        assertThat(stack.size()).isEqualTo(3);
        assertThat(stack.pop()).isSameAs(e.get(2));
        assertThat(stack.takeAll()).containsExactly(e.get(1), e.get(0));
        assertThat(stack.size()).isZero();
        assertThat(stack.removals()).isEqualTo(2);
        stack.freeSlot(e.get(0));
        PooledConnection reused = new PooledConnection(null, 0, Long.MAX_VALUE, stack.claimSlot());
        assertThat(reused.slot).isEqualTo(e.get(0).slot);
    }

    static LongStream seeds() {
        return LongStream.range(0, 3).map(i -> BASE_SEED + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void noEntryIsEverHeldByTwoThreadsAtOnce(long seed) throws Exception {
        String replay = "seed " + seed + "; replay with -Dfasterapi.seed=" + BASE_SEED;
        SharedIdleStack stack = new SharedIdleStack(ENTRIES);
        List<PooledConnection> entries = register(stack, ENTRIES);
        entries.forEach(stack::push);
        AtomicIntegerArray holders = new AtomicIntegerArray(ENTRIES);
        List<String> violations = new CopyOnWriteArrayList<>();
        Random master = new Random(seed);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            Random r = new Random(master.nextLong());
            boolean sweeper = t == 0; // plays the loop's upkeep: takes all, puts them back
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 200_000; i++) {
                    List<PooledConnection> held = new ArrayList<>();
                    if (sweeper && r.nextInt(64) == 0) {
                        held.addAll(List.of(stack.takeAll()).reversed());
                    } else {
                        for (int k = r.nextInt(3) + 1; k > 0; k--) {
                            PooledConnection pc = stack.pop();
                            if (pc != null) {
                                held.add(pc);
                            }
                        }
                    }
                    for (PooledConnection pc : held) {
                        if (!holders.compareAndSet(pc.slot, 0, 1)) {
                            violations.add("slot " + pc.slot + " taken while held");
                            return; // one is enough; the others finish their rounds
                        }
                    }
                    if (r.nextInt(16) == 0) {
                        Thread.onSpinWait();
                    }
                    for (PooledConnection pc : held) {
                        holders.set(pc.slot, 0);
                        stack.push(pc);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(violations).as(replay).isEmpty();
        assertThat(stack.size()).as(replay).isEqualTo(ENTRIES);
        Set<PooledConnection> left = new HashSet<>(List.of(stack.takeAll()));
        assertThat(left).as(replay).containsExactlyInAnyOrderElementsOf(entries);
    }
}
