package io.fasterapi.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Loop-carried virtual threads park in {@code await()} without a re-check timer, so a lost wake-up
 * would leave one parked for good. Twenty-four of them on two loops await, as fast as they can,
 * futures completed every way there is (already done, by their own loop, by the other loop, by a
 * timer, by a platform thread, with a failure, with a timeout); each must see its own value, and
 * every thread must finish. Seeded; the seed is in every failure message.
 */
class LoopCarrierAwaitStressTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 0x5EEDL, 20261207L})
    void everyAwaitReturnsItsOwnOutcome(long seed) throws Exception {
        try (Reactor reactor = Reactor.builder().threads(2).virtualThreads(VirtualThreads.LOOP).build()) {
            warmUp(reactor);
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
            AtomicLong calls = new AtomicLong();
            AtomicReference<Throwable> wrong = new AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            SplittableRandom seeds = new SplittableRandom(seed);
            for (int i = 0; i < 24; i++) {
                Shard home = reactor.shard(i % 2);
                Shard other = reactor.shard((i + 1) % 2);
                SplittableRandom random = seeds.split();
                threads.add(home.startVirtualThread(() -> {
                    try {
                        while (System.nanoTime() < end) {
                            awaitOne(random, home, other);
                            calls.incrementAndGet();
                        }
                    } catch (Throwable t) {
                        wrong.compareAndSet(null, t);
                    }
                }));
            }
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(20));
                assertThat(t.isAlive()).as("seed %d: a virtual thread is still parked after %d awaits", seed, calls.get())
                        .isFalse();
            }
            assertThat(wrong.get()).as("seed %d", seed).isNull();
            assertThat(calls.get()).as("seed %d", seed).isPositive();
        }
    }

    /**
     * Runs every case once on one thread first: the first use of a lambda links it, and a second
     * thread waiting for that linkage is pinned to its carrier (the guard reports it, rightly, since
     * here the carrier is a loop). Linkage is once per call site; the races under test come after.
     */
    private static void warmUp(Reactor reactor) throws InterruptedException {
        Thread t = reactor.shard(0).startVirtualThread(() -> {
            for (int kind = 0; kind < KINDS; kind++) {
                for (boolean timed : new boolean[] {false, true}) {
                    awaitOne(new SplittableRandom(kind), kind, timed, reactor.shard(0), reactor.shard(1));
                }
            }
        });
        t.join(10_000);
    }

    private static final int KINDS = 8;

    private static void awaitOne(SplittableRandom random, Shard home, Shard other) {
        awaitOne(random, random.nextInt(KINDS), random.nextInt(10) == 0, home, other);
    }

    private static void awaitOne(SplittableRandom random, int kind, boolean timed, Shard home, Shard other) {
        int value = random.nextInt();
        Future<Integer> f = switch (kind) {
            case 0 -> Future.ready(value);
            case 1 -> home.submit(() -> value);
            case 2 -> other.submit(() -> value);
            case 3 -> home.submitAsync(() -> other.submit(() -> value).map(v -> v));
            case 4 -> home.delay(Duration.ofNanos(random.nextInt(200_000))).map(v -> value);
            case 5 -> {
                Promise<Integer> p = new Promise<>((Shard) null);
                Thread.ofPlatform().start(() -> p.complete(value));
                yield p;
            }
            case 6 -> home.submit(() -> {
                throw new IllegalStateException("failed " + value);
            });
            default -> {
                Promise<Integer> p = new Promise<>(home);
                home.execute(() -> p.complete(value));
                yield p;
            }
        };
        if (timed) {
            try {
                f.await(Duration.ofNanos(random.nextInt(50_000)));
            } catch (AwaitTimeoutException | IllegalStateException expected) {
                // timed out, or the failing case
            }
            return;
        }
        try {
            Integer got = f.await();
            if (got != value) {
                throw new AssertionError("awaited " + got + ", expected " + value);
            }
        } catch (IllegalStateException e) {
            if (!e.getMessage().equals("failed " + value)) {
                throw e;
            }
        }
    }
}
