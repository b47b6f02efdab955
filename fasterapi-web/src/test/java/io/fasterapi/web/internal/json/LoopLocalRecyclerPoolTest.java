package io.fasterapi.web.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.core.Future;
import io.fasterapi.core.Reactor;
import io.fasterapi.core.Shard;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;

class LoopLocalRecyclerPoolTest {
    /** A value whose serializer writes JSON of its own while the outer generator holds its recycler. */
    record Outer(String name, @JsonSerialize(using = NestedJson.class) Inner inner) {
    }

    record Inner(List<Integer> numbers) {
    }

    static final class NestedJson extends ValueSerializer<Inner> {
        @Override
        public void serialize(Inner value, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeString(JsonCodec.mapper().writeValueAsString(value.numbers()));
        }
    }

    private static final Outer VALUE = new Outer("ä \"quoted\" ✓", new Inner(List.of(1, 2, 3)));
    private static final String EXPECTED = "{\"name\":\"ä \\\"quoted\\\" ✓\",\"inner\":\"[1,2,3]\"}";

    @Test
    void aLoopThreadGetsBackTheRecyclerItGaveBackAndAFreshOneWhenItAsksTwice() throws Exception {
        LoopLocalRecyclerPool pool = new LoopLocalRecyclerPool();
        AtomicReference<String> outcome = new AtomicReference<>();
        Thread loopLike = new FastThreadLocalThread(() -> {
            BufferRecycler first = pool.acquirePooled();
            BufferRecycler nested = pool.acquirePooled();
            pool.releasePooled(nested);
            pool.releasePooled(first);
            BufferRecycler again = pool.acquirePooled();
            outcome.set((first != nested) + " " + (again == nested));
        });
        loopLike.start();
        loopLike.join();
        assertThat(outcome.get()).isEqualTo("true true");
    }

    @Test
    void otherThreadsShareOnePoolAcrossThreads() throws Exception {
        LoopLocalRecyclerPool pool = new LoopLocalRecyclerPool();
        AtomicReference<BufferRecycler> given = new AtomicReference<>();
        Thread.ofVirtual().start(() -> {
            BufferRecycler r = pool.acquirePooled();
            pool.releasePooled(r);
            given.set(r);
        }).join();
        AtomicReference<BufferRecycler> taken = new AtomicReference<>();
        Thread.ofPlatform().start(() -> taken.set(pool.acquirePooled())).join();
        assertThat(taken.get()).isSameAs(given.get());
    }

    @Test
    void loopsAndVirtualThreadsWritingAtOnceAllGetTheRightJson() throws Exception {
        // One write first, here: the classes it loads would otherwise be loaded by racing virtual
        // threads, which pins them on the class loader's lock (the guard reports that, not our code).
        assertThat(writeMany(1)).containsOnly(EXPECTED);
        try (Reactor reactor = Reactor.builder().threads(2).build()) {
            List<CompletableFuture<List<String>>> writers = new ArrayList<>();
            for (Shard shard : reactor.shards()) {
                CompletableFuture<List<String>> f = new CompletableFuture<>();
                shard.execute(() -> f.complete(writeMany(2_000)));
                writers.add(f);
            }
            for (int i = 0; i < 8; i++) {
                writers.add(CompletableFuture.supplyAsync(() -> writeMany(2_000),
                        command -> Thread.ofVirtual().start(command)));
            }
            for (CompletableFuture<List<String>> w : writers) {
                assertThat(w.get()).hasSize(2_000).containsOnly(EXPECTED);
            }
            Future<String> onLoop = reactor.shard(0).submit(() -> writeOnce());
            assertThat(onLoop.await()).isEqualTo(EXPECTED);
        }
    }

    private static List<String> writeMany(int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(writeOnce());
        }
        return out;
    }

    private static String writeOnce() {
        return JsonMapping.DECLARED.mapper().writerFor(Outer.class).writeValueAsString(VALUE);
    }
}
