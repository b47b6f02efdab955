package io.fasterapi.bench.futures;

import io.fasterapi.core.Future;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A chain of 10 steps (map and flatMap alternating) on an already completed future, the shape of a
 * handler whose data is at hand: FasterAPI's {@link Future} against {@link CompletableFuture} and
 * Vert.x 5's {@code io.vertx.core.Future}. Values are objects that need no boxing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReadyChainBenchmark {
    private final Step seed = new Step(0);

    static final Function<Step, Step> INC = Step::next;

    @Benchmark
    public Step fasterapi() {
        return Future.ready(seed)
                .map(INC).flatMap(s -> Future.ready(s.next()))
                .map(INC).flatMap(s -> Future.ready(s.next()))
                .map(INC).flatMap(s -> Future.ready(s.next()))
                .map(INC).flatMap(s -> Future.ready(s.next()))
                .map(INC).flatMap(s -> Future.ready(s.next()))
                .valueNow();
    }

    /** The same ten steps as plain calls, no future at all: the floor every implementation stands on. */
    @Benchmark
    public Step baseline() {
        Step s = seed;
        for (int i = 0; i < 5; i++) {
            s = INC.apply(s).next();
        }
        return s;
    }

    @Benchmark
    public Step completableFuture() {
        return CompletableFuture.completedFuture(seed)
                .thenApply(INC).thenCompose(s -> CompletableFuture.completedFuture(s.next()))
                .thenApply(INC).thenCompose(s -> CompletableFuture.completedFuture(s.next()))
                .thenApply(INC).thenCompose(s -> CompletableFuture.completedFuture(s.next()))
                .thenApply(INC).thenCompose(s -> CompletableFuture.completedFuture(s.next()))
                .thenApply(INC).thenCompose(s -> CompletableFuture.completedFuture(s.next()))
                .getNow(null);
    }

    @Benchmark
    public Step vertx() {
        return io.vertx.core.Future.succeededFuture(seed)
                .map(INC).compose(s -> io.vertx.core.Future.succeededFuture(s.next()))
                .map(INC).compose(s -> io.vertx.core.Future.succeededFuture(s.next()))
                .map(INC).compose(s -> io.vertx.core.Future.succeededFuture(s.next()))
                .map(INC).compose(s -> io.vertx.core.Future.succeededFuture(s.next()))
                .map(INC).compose(s -> io.vertx.core.Future.succeededFuture(s.next()))
                .result();
    }

    // The same chains where every step crosses a method the JIT may not inline, as when a handler
    // returns its future to the framework through a megamorphic call: the futures must exist in memory.

    @Benchmark
    public Step fasterapiAcrossCalls() {
        Future<Step> f = Future.ready(seed);
        for (int i = 0; i < 5; i++) {
            f = fasterapiStep(f);
        }
        return f.valueNow();
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static Future<Step> fasterapiStep(Future<Step> f) {
        return f.map(INC).flatMap(s -> Future.ready(s.next()));
    }

    @Benchmark
    public Step completableFutureAcrossCalls() {
        CompletableFuture<Step> f = CompletableFuture.completedFuture(seed);
        for (int i = 0; i < 5; i++) {
            f = completableFutureStep(f);
        }
        return f.getNow(null);
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static CompletableFuture<Step> completableFutureStep(CompletableFuture<Step> f) {
        return f.thenApply(INC).thenCompose(s -> CompletableFuture.completedFuture(s.next()));
    }

    @Benchmark
    public Step vertxAcrossCalls() {
        io.vertx.core.Future<Step> f = io.vertx.core.Future.succeededFuture(seed);
        for (int i = 0; i < 5; i++) {
            f = vertxStep(f);
        }
        return f.result();
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static io.vertx.core.Future<Step> vertxStep(io.vertx.core.Future<Step> f) {
        return f.map(INC).compose(s -> io.vertx.core.Future.succeededFuture(s.next()));
    }

    /** An immutable value carried along the chain; its steps are shared, so a step allocates nothing. */
    public record Step(int n) {
        private static final Step[] STEPS = new Step[16];

        static {
            for (int i = 0; i < STEPS.length; i++) {
                STEPS[i] = new Step(i);
            }
        }

        Step next() {
            return STEPS[(n + 1) & 15];
        }
    }
}
