package io.fasterapi.bench.pool;

import com.zaxxer.hikari.HikariDataSource;
import io.fasterapi.bench.driver.Dsn;
import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Acquire+release of an idle connection, ours against HikariCP with equal pool sizes
 * ({@link #POOL_SIZE} connections, all open before timing; ours on a reactor of one loop): a tight
 * loop (ours on the shard's loop, HikariCP's on a platform thread) and blocking callers on 1 and
 * 16 virtual threads. Every load warms up before any is timed; then the rounds interleave the peers.
 */
final class AcquireBenchmark {
    static final int POOL_SIZE = 16;
    static final int[] VIRTUAL_THREADS = {1, 16};

    private AcquireBenchmark() {
    }

    static AcquireResults run(Dsn dsn, PoolPlan plan) throws Exception {
        try (PgPool pool = PgPool.builder(dsn.url()).threads(1).minSize(POOL_SIZE).maxSize(POOL_SIZE).build();
                HikariDataSource hikari = HikariPools.fixed(dsn, POOL_SIZE)) {
            openAll(pool);
            BatchTimer oursOnLoop = new BatchTimer();
            BatchTimer hikariOnThread = new BatchTimer();
            List<LatencyHistogram> ours = new ArrayList<>();
            List<LatencyHistogram> theirs = new ArrayList<>();
            List<String> stalls = new ArrayList<>();
            for (int ignored : VIRTUAL_THREADS) {
                ours.add(new LatencyHistogram());
                theirs.add(new LatencyHistogram());
            }
            VirtualThreadCallers.AcquireRelease oursBlocking = () -> pool.get().close();
            VirtualThreadCallers.AcquireRelease hikariBlocking = () -> hikari.getConnection().close();
            Supplier<String> oursState = () -> "fasterapi " + pool.stats();
            Supplier<String> hikariState = () -> "HikariCP " + hikari.getHikariPoolMXBean().getActiveConnections() + " active, "
                    + hikari.getHikariPoolMXBean().getIdleConnections() + " idle";
            long warmUp = plan.warmUp().toNanos();
            long measure = plan.measure().toNanos();
            System.out.println("warm-up  acquire loads");
            oursOnLoop.run(warmUp, false, TightLoops.onShardLoop(pool));
            hikariOnThread.run(warmUp, false, TightLoops.hikariOnThread(hikari));
            for (int threads : VIRTUAL_THREADS) {
                stalls.addAll(VirtualThreadCallers.run(threads, warmUp, oursBlocking, oursState).stalls());
                stalls.addAll(VirtualThreadCallers.run(threads, warmUp, hikariBlocking, hikariState).stalls());
            }
            for (int round = 1; round <= plan.rounds(); round++) {
                boolean oursFirst = round % 2 == 1;
                for (int step = 0; step < 2; step++) {
                    if ((step == 0) == oursFirst) {
                        oursOnLoop.run(measure, true, TightLoops.onShardLoop(pool));
                    } else {
                        hikariOnThread.run(measure, true, TightLoops.hikariOnThread(hikari));
                    }
                }
                for (int i = 0; i < VIRTUAL_THREADS.length; i++) {
                    for (int step = 0; step < 2; step++) {
                        if ((step == 0) == oursFirst) {
                            VirtualThreadCallers.Outcome o = VirtualThreadCallers.run(VIRTUAL_THREADS[i], measure, oursBlocking, oursState);
                            ours.get(i).addAll(o.latencies());
                            stalls.addAll(o.stalls());
                        } else {
                            VirtualThreadCallers.Outcome o = VirtualThreadCallers.run(VIRTUAL_THREADS[i], measure, hikariBlocking, hikariState);
                            theirs.get(i).addAll(o.latencies());
                            stalls.addAll(o.stalls());
                        }
                    }
                }
                System.out.printf("round %d  tight loop: ours %.0f ns, HikariCP %.0f ns (median so far)%n", round,
                        oursOnLoop.percentile(50), hikariOnThread.percentile(50));
            }
            List<AcquireResults.Concurrency> vts = new ArrayList<>();
            for (int i = 0; i < VIRTUAL_THREADS.length; i++) {
                vts.add(new AcquireResults.Concurrency(VIRTUAL_THREADS[i], ours.get(i), theirs.get(i)));
            }
            return new AcquireResults(oursOnLoop, hikariOnThread, vts, stalls);
        }
    }

    /** Holds every connection at once so all {@link #POOL_SIZE} are open before anything is timed. */
    private static void openAll(PgPool pool) {
        List<Pg> held = new ArrayList<>();
        for (int i = 0; i < POOL_SIZE; i++) {
            held.add(pool.get());
        }
        held.forEach(Pg::close);
    }
}
