package io.fasterapi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FutureTest {
    static Reactor reactor;

    @BeforeAll
    static void startReactor() {
        reactor = Reactor.builder().threads(2).build();
    }

    @AfterAll
    static void stopReactor() {
        reactor.close();
    }

    /** Runs {@code body} on shard 0's loop and waits for it. */
    static <T> T onLoop(java.util.concurrent.Callable<T> body) {
        return reactor.shard(0).submit(body).await(Duration.ofSeconds(10));
    }

    @Test
    void mapOnReadyFutureRunsInlineOnCallingThread() {
        Thread caller = Thread.currentThread();
        AtomicReference<Thread> ran = new AtomicReference<>();
        Future<Integer> f = Future.ready(20).map(x -> {
            ran.set(Thread.currentThread());
            return x + 1;
        });
        assertThat(ran.get()).isSameAs(caller);
        assertThat(f.valueNow()).isEqualTo(21);
    }

    @Test
    void continuationsRunOnOwningShardInRegistrationOrder() {
        List<String> events = new CopyOnWriteArrayList<>();
        Shard shard = reactor.shard(1);
        Promise<String> p = shard.submit(() -> new Promise<String>()).await();
        List<Future<?>> derived = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            derived.add(shard.submit(() -> p.map(v -> {
                events.add(n + ":" + v + ":" + (Shard.current() == shard));
                return n;
            })).await());
        }
        p.complete("x"); // from the test thread: handed to the owning shard
        Future.whenAll(derived).await(Duration.ofSeconds(5));
        assertThat(events).containsExactly("0:x:true", "1:x:true", "2:x:true", "3:x:true", "4:x:true");
    }

    @Test
    void exceptionInContinuationFailsDerivedFutureNotTheLoop() {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        Future<Integer> failed = onLoop(() -> {
            Promise<Integer> p = new Promise<>();
            Future<Integer> d = p.map(x -> {
                throw boom;
            });
            p.complete(1);
            return d;
        });
        assertThat(failed.cause()).isSameAs(boom);
        // The loop survived and still runs tasks.
        assertThat(onLoop(() -> "alive")).isEqualTo("alive");
    }

    @Test
    void exceptionInOnCompleteCallbackIsSwallowed() {
        Future<Integer> f = onLoop(() -> {
            Promise<Integer> p = new Promise<>();
            p.onComplete((v, e) -> {
                throw new IllegalStateException("callback bug");
            });
            p.complete(7);
            return p;
        });
        assertThat(f.valueNow()).isEqualTo(7);
        assertThat(onLoop(() -> 1)).isEqualTo(1);
    }

    @Test
    void flatMapChainsPendingFutures() {
        Shard shard = reactor.shard(0);
        Future<String> f = shard.submit(() -> 2).flatMap(x -> shard.delay(Duration.ofMillis(5)).map(v -> x * 10))
                .map(x -> "v" + x);
        assertThat(f.await(Duration.ofSeconds(5))).isEqualTo("v20");
    }

    @Test
    void flatMapReturningNullFails() {
        Future<Object> f = Future.ready(1).flatMap(x -> null);
        assertThat(f.cause()).isInstanceOf(NullPointerException.class);
    }

    @Test
    void recoverTurnsFailureIntoValueAndSkipsSuccess() {
        assertThat(Future.<Integer>failed(new IOException("x")).recover(e -> -1).valueNow()).isEqualTo(-1);
        assertThat(Future.ready(5).recover(e -> -1).valueNow()).isEqualTo(5);
        Future<Integer> pending = onLoop(() -> {
            Promise<Integer> p = new Promise<>();
            Future<Integer> r = p.recover(e -> e.getMessage().length());
            p.fail(new IOException("four"));
            return r;
        });
        assertThat(pending.valueNow()).isEqualTo(4);
    }

    @Test
    void mapSkipsFunctionOnFailure() {
        IOException cause = new IOException("down");
        Future<Integer> f = Future.<Integer>failed(cause).map(x -> x + 1);
        assertThat(f.cause()).isSameAs(cause);
    }

    @Test
    void whenAllCollectsValuesInArgumentOrder() {
        Shard a = reactor.shard(0);
        Shard b = reactor.shard(1);
        Future<List<Integer>> all = Future.whenAll(a.delay(Duration.ofMillis(20)).map(v -> 1), b.submit(() -> 2),
                Future.ready(3));
        assertThat(all.await(Duration.ofSeconds(5))).containsExactly(1, 2, 3);
    }

    @Test
    void whenAllFailsFastWithFirstFailureWhileOthersStillComplete() throws Exception {
        Shard s = reactor.shard(0);
        IllegalStateException first = new IllegalStateException("first");
        Future<Integer> slow = s.delay(Duration.ofMillis(300)).map(v -> 1);
        Future<Integer> failing = s.delay(Duration.ofMillis(10)).map(v -> {
            throw first;
        });
        long start = System.nanoTime();
        Future<List<Integer>> all = Future.whenAll(slow, failing);
        assertThatThrownBy(() -> all.await(Duration.ofSeconds(5))).isSameAs(first);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(250);
        assertThat(slow.await(Duration.ofSeconds(5))).isEqualTo(1);
    }

    @Test
    void whenAllOfNothingIsEmptyList() {
        assertThat(Future.whenAll(List.of()).valueNow()).isEmpty();
    }

    @Test
    void whenAllOffLoopCountsAtomicallyAcrossShards() {
        // Created on the test thread (no owner): 200 futures completed by two loops at once.
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            fs.add(reactor.shard(i % 2).submit(() -> n));
        }
        List<Integer> values = Future.whenAll(fs).await(Duration.ofSeconds(5));
        assertThat(values).hasSize(200);
        for (int i = 0; i < 200; i++) {
            assertThat(values.get(i)).isEqualTo(i);
        }
    }

    @Test
    void whenAnyCompletesWithFirst() {
        Shard s = reactor.shard(0);
        Future<String> any = Future.whenAny(s.delay(Duration.ofSeconds(2)).map(v -> "slow"),
                s.delay(Duration.ofMillis(5)).map(v -> "fast"));
        assertThat(any.await(Duration.ofSeconds(1))).isEqualTo("fast");
        assertThat(Future.whenAny(List.of()).cause()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whenAnyCompletesWithFirstFailureToo() {
        Shard s = reactor.shard(0);
        IOException io = new IOException("lost");
        Future<String> any = Future.whenAny(s.delay(Duration.ofSeconds(2)).map(v -> "slow"),
                s.delay(Duration.ofMillis(5)).flatMap(v -> Future.failed(io)));
        assertThatThrownBy(() -> any.await(Duration.ofSeconds(1))).isInstanceOf(CompletionException.class).hasCause(io);
    }

    @Test
    void hundredThousandNestedContinuationsDoNotOverflowTheStack() {
        int n = 100_000;
        Integer result = onLoop(() -> {
            Promise<Integer> head = new Promise<>();
            Future<Integer> f = head;
            for (int i = 0; i < n; i++) {
                f = f.map(x -> x + 1);
            }
            head.complete(0);
            return f.valueNow();
        });
        assertThat(result).isEqualTo(n);
    }

    @Test
    void hundredThousandFlatMapsOffLoopDoNotOverflowTheStack() {
        int n = 100_000;
        Promise<Integer> head = new Promise<>((Shard) null);
        Future<Integer> f = head;
        for (int i = 0; i < n; i++) {
            f = f.flatMap(x -> completedOffLoop(x + 1));
        }
        head.complete(0);
        assertThat(f.await(Duration.ofSeconds(10))).isEqualTo(n);
    }

    private static Future<Integer> completedOffLoop(int value) {
        Promise<Integer> p = new Promise<>((Shard) null);
        p.complete(value);
        return p;
    }

    @Test
    void awaitOnEventLoopThrowsNamingTheFix() {
        Future<Throwable> thrown = reactor.shard(0).submit(() -> {
            try {
                new Promise<Integer>().await();
                return null;
            } catch (IllegalStateException e) {
                return e;
            }
        });
        assertThat(thrown.await(Duration.ofSeconds(5))).hasMessageContaining("event-loop")
                .hasMessageContaining("Return the Future");
    }

    @Test
    void awaitWithTimeoutThrows() {
        Promise<Integer> never = new Promise<>((Shard) null);
        long start = System.nanoTime();
        assertThatThrownBy(() -> never.await(Duration.ofMillis(50))).isInstanceOf(AwaitTimeoutException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(45);
    }

    /**
     * An interrupted thread that awaits stays parked (it used to spin: a pending interrupt makes every
     * park return at once) and gets the value with its interrupt status kept, as CompletableFuture.join.
     */
    @Test
    void anInterruptedAwaiterParksAndKeepsItsInterruptStatus() throws Exception {
        Shard shard = reactor.shard(0);
        for (boolean timed : new boolean[] {false, true}) {
            Promise<String> p = shard.submit(() -> new Promise<String>()).await();
            AtomicReference<String> got = new AtomicReference<>();
            AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            AtomicReference<Long> cpuNanos = new AtomicReference<>();
            Thread waiter = Thread.ofPlatform().start(() -> {
                Thread.currentThread().interrupt();
                long cpu0 = mx.getCurrentThreadCpuTime();
                got.set(timed ? p.await(Duration.ofSeconds(30)) : p.await());
                cpuNanos.set(mx.getCurrentThreadCpuTime() - cpu0);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
            Thread.sleep(500);
            shard.execute(() -> p.complete("done"));
            waiter.join(30_000);
            assertThat(got.get()).isEqualTo("done");
            assertThat(stillInterrupted.get()).as("the interrupt status is kept").isTrue();
            // Half a second of waiting: a spinning waiter burns about that much CPU, a parked one almost none.
            assertThat(cpuNanos.get()).as("CPU spent waiting (timed=%s)", timed).isLessThan(TimeUnit.MILLISECONDS.toNanos(250));
        }
    }

    @Test
    void awaitRethrowsRuntimeExceptionsAsIsAndWrapsCheckedOnes() {
        IllegalStateException ise = new IllegalStateException("x");
        assertThatThrownBy(() -> Future.failed(ise).await()).isSameAs(ise);
        IOException io = new IOException("y");
        assertThatThrownBy(() -> Future.failed(io).await()).isInstanceOf(CompletionException.class).hasCause(io);
    }

    @Test
    void thousandVirtualThreadsAwaitFuturesCompletedByTheLoops() throws Exception {
        int n = 1000;
        List<Integer> results = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = i;
            threads.add(Thread.ofVirtual().start(() -> {
                Shard s = reactor.shard(id % reactor.size());
                results.add(s.delay(Duration.ofMillis(1 + id % 20)).map(v -> id).await());
            }));
        }
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertThat(results).hasSize(n).doesNotHaveDuplicates();
    }

    @Test
    void toCompletionStageAndFromRoundTrip() throws Exception {
        CompletableFuture<String> cf = new CompletableFuture<>();
        Future<String> f = Future.from(cf);
        assertThat(f.isDone()).isFalse();
        cf.complete("done");
        assertThat(f.await(Duration.ofSeconds(1))).isEqualTo("done");
        assertThat(Future.ready(3).toCompletionStage().toCompletableFuture().get()).isEqualTo(3);
        IOException io = new IOException("z");
        assertThatThrownBy(() -> Future.failed(io).toCompletionStage().toCompletableFuture().join())
                .hasCause(io);
        CompletableFuture<String> bad = new CompletableFuture<>();
        Future<String> g = Future.from(bad);
        bad.completeExceptionally(io);
        assertThatThrownBy(() -> g.await(Duration.ofSeconds(1))).hasCause(io);
    }

    @Test
    void fromCompletionStageOnLoopHopsBackToTheLoop() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        Shard shard = reactor.shard(1);
        Future<Boolean> onShard = shard.submit(() -> Future.from(cf).map(v -> Shard.current() == shard)).await();
        cf.complete("x"); // completed from the test thread
        assertThat(onShard.await(Duration.ofSeconds(1))).isTrue();
    }

    @Test
    void promiseCompletesOnlyOnce() {
        Promise<Integer> p = new Promise<>((Shard) null);
        assertThat(p.complete(1)).isTrue();
        assertThat(p.complete(2)).isFalse();
        assertThat(p.fail(new IOException())).isFalse();
        assertThat(p.valueNow()).isEqualTo(1);
    }

    @Test
    void nullValuesFlowThrough() {
        Future<String> f = Future.ready((String) null).map(s -> s == null ? "was null" : s);
        assertThat(f.valueNow()).isEqualTo("was null");
        Promise<String> p = new Promise<>((Shard) null);
        p.complete(null);
        assertThat(p.isSuccess()).isTrue();
        assertThat(p.await()).isNull();
    }

    @Test
    void continuationsAddedAfterCompletionRunInline() {
        Thread caller = Thread.currentThread();
        Future<Integer> f = reactor.shard(0).submit(() -> 1);
        f.await();
        AtomicReference<Thread> ran = new AtomicReference<>();
        f.onSuccess(v -> ran.set(Thread.currentThread()));
        assertThat(ran.get()).isSameAs(caller);
    }
}
