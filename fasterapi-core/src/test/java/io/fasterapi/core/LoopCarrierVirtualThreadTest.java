package io.fasterapi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Virtual threads whose carrier is their shard's event-loop thread (VirtualThreads.LOOP). */
class LoopCarrierVirtualThreadTest {

    private static Reactor loopReactor(int threads) {
        return Reactor.builder().threads(threads).virtualThreads(VirtualThreads.LOOP).build();
    }

    /** The thread's own description names its carrier while mounted: "VirtualThread[#id,name]/runnable@carrier". */
    private static String carrierName() {
        String s = Thread.currentThread().toString();
        return s.substring(s.lastIndexOf('@') + 1);
    }

    @Test
    void onJdk24AndLaterWithJavaLangOpenedTheDefaultIsLoop() {
        assertThat(Runtime.version().feature()).as("the build runs on JDK 25").isGreaterThanOrEqualTo(24);
        try (Reactor r = Reactor.builder().threads(1).build()) {
            assertThat(r.virtualThreads()).isEqualTo(VirtualThreads.LOOP);
            assertThat(r.shard(0).virtualThreads()).isEqualTo(VirtualThreads.LOOP);
        }
    }

    @Test
    void aShardsVirtualThreadRunsOnThatShardsLoopThread() throws Exception {
        try (Reactor r = loopReactor(2)) {
            for (Shard s : r.shards()) {
                String loopThread = s.submit(() -> Thread.currentThread().getName()).await();
                AtomicReference<String> before = new AtomicReference<>();
                AtomicReference<String> afterPark = new AtomicReference<>();
                Thread t = s.startVirtualThread(() -> {
                    before.set(carrierName());
                    s.delay(Duration.ofMillis(5)).await();      // parks, resumed by a loop task
                    afterPark.set(carrierName());
                });
                t.join(5_000);
                assertThat(t.isVirtual()).isTrue();
                assertThat(t.getName()).isEqualTo("shard-" + s.id() + "-vt@loop");
                assertThat(before.get()).isEqualTo(loopThread);
                assertThat(afterPark.get()).isEqualTo(loopThread);
            }
        }
    }

    @Test
    void insideALoopCarriedThreadItMayBlockButIsNotOnTheLoop() throws Exception {
        try (Reactor r = loopReactor(2)) {
            Shard s = r.shard(1);
            List<Object> seen = new CopyOnWriteArrayList<>();
            Thread t = s.startVirtualThread(() -> {
                seen.add(Shard.current() == null);
                seen.add(Shard.affine() == s);
                seen.add(Shard.onEventLoop());
                seen.add(s.inLoop());
                seen.add(s.carriesCurrentThread());
                seen.add(r.shard(0).carriesCurrentThread());
                seen.add(r.next() == s);
            });
            t.join(5_000);
            assertThat(seen).containsExactly(true, true, false, false, true, false, true);
            assertThat(s.submit(s::carriesCurrentThread).await()).as("the loop itself carries no virtual thread").isFalse();
            assertThat(s.carriesCurrentThread()).isFalse();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            s.startVirtualThread(() -> {
                try {
                    Shard.checkMayBlock("test");
                } catch (Throwable e) {
                    thrown.set(e);
                }
            }).join(5_000);
            assertThat(thrown.get()).isNull();
        }
    }

    @Test
    void whileItRunsTheLoopRunsNothingElseAndWhileItParksTheLoopServesOthers() throws Exception {
        try (Reactor r = loopReactor(1)) {
            Shard s = r.shard(0);
            List<String> order = new CopyOnWriteArrayList<>();
            CountDownLatch started = new CountDownLatch(1);
            Thread t = s.startVirtualThread(() -> {
                started.countDown();
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
                s.execute(() -> order.add("loop task"));
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();                         // holds the carrier: the task waits
                }
                order.add("virtual thread before park");
                try {
                    Thread.sleep(100);                           // parks: the loop is free
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                order.add("virtual thread after park");
            });
            started.await();
            Thread.sleep(60);
            assertThat(s.submit(() -> order.add("task during the park")).await(Duration.ofMillis(80))).isTrue();
            t.join(5_000);
            assertThat(order).containsExactly("virtual thread before park", "loop task", "task during the park",
                    "virtual thread after park");
        }
    }

    @Test
    void manyThreadsAwaitingTheirLoopsQueriesInterleaveOnOneCarrier() throws Exception {
        try (Reactor r = loopReactor(1)) {
            Shard s = r.shard(0);
            List<Thread> threads = new ArrayList<>();
            int[] sums = new int[64];
            for (int i = 0; i < sums.length; i++) {
                int n = i;
                threads.add(s.startVirtualThread(() -> {
                    for (int k = 0; k < 200; k++) {
                        sums[n] += s.submit(() -> 1).await();
                    }
                }));
            }
            for (Thread t : threads) {
                t.join(10_000);
                assertThat(t.isAlive()).isFalse();
            }
            for (int sum : sums) {
                assertThat(sum).isEqualTo(200);
            }
        }
    }

    @Test
    void aFutureOfAnotherShardOrOfNoShardWakesItToo() throws Exception {
        try (Reactor r = loopReactor(2)) {
            Shard home = r.shard(0);
            AtomicReference<String> got = new AtomicReference<>();
            Promise<String> ownerless = new Promise<>((Shard) null);
            Thread t = home.startVirtualThread(() -> {
                String a = r.shard(1).submit(() -> "other shard").await();
                String b = ownerless.await();
                got.set(a + ", " + b);
            });
            Thread.sleep(20);
            ownerless.complete("no shard");
            t.join(5_000);
            assertThat(got.get()).isEqualTo("other shard, no shard");
        }
    }

    @Test
    void aThreadParkedWhenItsLoopStopsStillRunsToItsEnd() throws Exception {
        Reactor r = loopReactor(1);
        Promise<String> ownerless = new Promise<>((Shard) null);
        AtomicReference<String> got = new AtomicReference<>();
        Thread t = r.shard(0).startVirtualThread(() -> got.set(ownerless.await()));
        Thread.sleep(20);
        r.close();
        ownerless.complete("after the loop stopped");
        t.join(5_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(got.get()).isEqualTo("after the loop stopped");
    }

    @Test
    void jdkModeKeepsTheJdksCarriers() throws Exception {
        try (Reactor r = Reactor.builder().threads(1).virtualThreads(VirtualThreads.JDK).build()) {
            Shard s = r.shard(0);
            String loopThread = s.submit(() -> Thread.currentThread().getName()).await();
            AtomicReference<String> carrier = new AtomicReference<>();
            AtomicReference<Boolean> carried = new AtomicReference<>();
            Thread t = s.startVirtualThread(() -> {
                carrier.set(carrierName());
                carried.set(s.carriesCurrentThread());
                assertThatCode(() -> s.submit(() -> 1).await()).doesNotThrowAnyException();
            });
            t.join(5_000);
            assertThat(r.virtualThreads()).isEqualTo(VirtualThreads.JDK);
            assertThat(t.getName()).isEqualTo("shard-0-vt");
            assertThat(carrier.get()).isNotEqualTo(loopThread).contains("ForkJoinPool");
            assertThat(carried.get()).isFalse();
        }
    }
}
