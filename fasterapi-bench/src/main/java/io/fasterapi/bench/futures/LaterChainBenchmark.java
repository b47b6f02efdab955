package io.fasterapi.bench.futures;

import io.fasterapi.bench.futures.ReadyChainBenchmark.Step;
import io.fasterapi.core.Future;
import io.fasterapi.core.Promise;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A chain of 10 steps registered on a pending future that the event loop completes afterwards, the
 * shape of a query's result flowing through a handler. Each invocation hands one task to a shard's
 * loop that builds and completes {@link #BATCH} chains there (so the single cross-thread hand-off is
 * amortised and the loop's own cost is measured), for FasterAPI, CompletableFuture and Vert.x alike.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LaterChainBenchmark extends OneShardBenchmark {
    static final int BATCH = 1000;
    static final Function<Step, Step> INC = Step::next;

    private final Step seed = new Step(0);

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Step fasterapi() {
        return shard.submit(() -> {
            Step last = null;
            for (int i = 0; i < BATCH; i++) {
                Promise<Step> p = new Promise<>();
                Future<Step> f = p.map(INC).flatMap(s -> Future.ready(s.next()))
                        .map(INC).flatMap(s -> Future.ready(s.next()))
                        .map(INC).flatMap(s -> Future.ready(s.next()))
                        .map(INC).flatMap(s -> Future.ready(s.next()))
                        .map(INC).flatMap(s -> Future.ready(s.next()));
                p.complete(seed);
                last = f.valueNow();
            }
            return last;
        }).await();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Step completableFuture() {
        return shard.submit(() -> {
            Step last = null;
            for (int i = 0; i < BATCH; i++) {
                CompletableFuture<Step> p = new CompletableFuture<>();
                CompletableFuture<Step> f = p.thenApply(INC).thenCompose(s -> CompletableFuture.completedFuture(s.next()))
                        .thenApply(INC).thenCompose(s -> CompletableFuture.completedFuture(s.next()))
                        .thenApply(INC).thenCompose(s -> CompletableFuture.completedFuture(s.next()))
                        .thenApply(INC).thenCompose(s -> CompletableFuture.completedFuture(s.next()))
                        .thenApply(INC).thenCompose(s -> CompletableFuture.completedFuture(s.next()));
                p.complete(seed);
                last = f.getNow(null);
            }
            return last;
        }).await();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Step vertx() {
        return shard.submit(() -> {
            Step last = null;
            for (int i = 0; i < BATCH; i++) {
                io.vertx.core.Promise<Step> p = io.vertx.core.Promise.promise();
                io.vertx.core.Future<Step> f = p.future()
                        .map(INC).compose(s -> io.vertx.core.Future.succeededFuture(s.next()))
                        .map(INC).compose(s -> io.vertx.core.Future.succeededFuture(s.next()))
                        .map(INC).compose(s -> io.vertx.core.Future.succeededFuture(s.next()))
                        .map(INC).compose(s -> io.vertx.core.Future.succeededFuture(s.next()))
                        .map(INC).compose(s -> io.vertx.core.Future.succeededFuture(s.next()));
                p.complete(seed);
                last = f.result();
            }
            return last;
        }).await();
    }
}
