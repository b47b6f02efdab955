package io.fasterapi.bench.futures;

import io.fasterapi.bench.futures.ReadyChainBenchmark.Step;
import io.fasterapi.core.Future;
import io.fasterapi.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * whenAll of 16 pending futures completed afterwards by the loop (the shape of 16 pipelined queries
 * joined by a handler), batched on one shard as in {@link LaterChainBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WhenAllBenchmark extends OneShardBenchmark {
    static final int BATCH = 200;
    static final int N = 16;

    private final Step seed = new Step(0);

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int fasterapi() {
        return shard.submit(() -> {
            int total = 0;
            List<Promise<Step>> ps = new ArrayList<>(N);
            for (int b = 0; b < BATCH; b++) {
                ps.clear();
                for (int i = 0; i < N; i++) {
                    ps.add(new Promise<>());
                }
                Future<List<Step>> all = Future.whenAll(ps);
                for (Promise<Step> p : ps) {
                    p.complete(seed);
                }
                total += all.valueNow().size();
            }
            return total;
        }).await();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int completableFuture() {
        return shard.submit(() -> {
            int total = 0;
            @SuppressWarnings("unchecked")
            CompletableFuture<Step>[] ps = new CompletableFuture[N];
            for (int b = 0; b < BATCH; b++) {
                for (int i = 0; i < N; i++) {
                    ps[i] = new CompletableFuture<>();
                }
                CompletableFuture<Void> all = CompletableFuture.allOf(ps);
                for (CompletableFuture<Step> p : ps) {
                    p.complete(seed);
                }
                all.getNow(null);
                List<Step> values = new ArrayList<>(N);
                for (CompletableFuture<Step> p : ps) {
                    values.add(p.getNow(null));
                }
                total += values.size();
            }
            return total;
        }).await();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int vertx() {
        return shard.submit(() -> {
            int total = 0;
            List<io.vertx.core.Promise<Step>> ps = new ArrayList<>(N);
            List<io.vertx.core.Future<Step>> fs = new ArrayList<>(N);
            for (int b = 0; b < BATCH; b++) {
                ps.clear();
                fs.clear();
                for (int i = 0; i < N; i++) {
                    io.vertx.core.Promise<Step> p = io.vertx.core.Promise.promise();
                    ps.add(p);
                    fs.add(p.future());
                }
                io.vertx.core.Future<List<Step>> all = io.vertx.core.Future.all(fs).map(c -> c.<Step>list());
                for (io.vertx.core.Promise<Step> p : ps) {
                    p.complete(seed);
                }
                total += all.result().size();
            }
            return total;
        }).await();
    }
}
