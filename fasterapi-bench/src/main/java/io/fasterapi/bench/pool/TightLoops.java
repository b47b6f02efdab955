package io.fasterapi.bench.pool;

import com.zaxxer.hikari.HikariDataSource;
import io.fasterapi.core.Shard;
import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.LongSupplier;

/**
 * One batch of acquire+release in a tight loop, timed where it runs: ours as an async caller on the
 * shard's own loop (the batch is one task submitted to shard 0, so the hand-off is not timed),
 * HikariCP's on the calling platform thread, the way its own microbenchmark measures it.
 */
final class TightLoops {
    private TightLoops() {
    }

    static LongSupplier onShardLoop(PgPool pool) {
        Shard shard = pool.reactor().shard(0);
        return () -> shard.submit(() -> {
            long start = System.nanoTime();
            for (int i = 0; i < BatchTimer.OPS_PER_BATCH; i++) {
                Pg pg = pool.getAsync().valueNow();
                pg.close();
            }
            return System.nanoTime() - start;
        }).await();
    }

    static LongSupplier hikariOnThread(HikariDataSource hikari) {
        return () -> {
            long start = System.nanoTime();
            for (int i = 0; i < BatchTimer.OPS_PER_BATCH; i++) {
                try (Connection c = hikari.getConnection()) {
                    if (c == null) {
                        throw new IllegalStateException("no connection");
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            return System.nanoTime() - start;
        };
    }
}
