package io.fasterapi.bench.futures;

import io.fasterapi.core.Reactor;
import io.fasterapi.core.Shard;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/** A benchmark whose operations run in batches on one shard of a one-loop reactor started per trial. */
public abstract class OneShardBenchmark {
    private Reactor reactor;
    /** The shard the batches run on. */
    protected Shard shard;

    @Setup(Level.Trial)
    public void start() {
        reactor = Reactor.builder().threads(1).name("bench").build();
        shard = reactor.shard(0);
    }

    @TearDown(Level.Trial)
    public void stop() {
        reactor.close();
    }
}
