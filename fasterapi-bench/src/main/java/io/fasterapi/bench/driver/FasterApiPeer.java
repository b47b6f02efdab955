package io.fasterapi.bench.driver;

import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import io.fasterapi.pg.PreparedQuery;
import io.fasterapi.pg.QueryResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Our driver through its async API on one connection of a one-loop pool: the next query starts
 * from the completion of the last, on the connection's event loop, and several pipeline.
 */
final class FasterApiPeer implements Peer {
    static final String NAME = "fasterapi";
    private final PgPool pool;
    private final Pg pg;
    private long folded;

    FasterApiPeer(Dsn dsn) {
        pool = PgPool.builder(dsn.url()).threads(1).minSize(1).maxSize(1).build();
        pg = pool.get();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String how(Scenario s) {
        return s.inFlight == 1 ? "1 connection, async" : "1 connection, " + s.inFlight + " pipelined";
    }

    @Override
    public Load load(Scenario s) {
        PreparedQuery query = PreparedQuery.of(s.sql());
        if (s == Scenario.BATCH_INSERT) {
            return new AsyncClosedLoop(pg.shard()::execute, s.inFlight, (done, failed) ->
                    pg.runManyAsync(query, batchRows()).onComplete((inserted, error) -> {
                        if (error != null) {
                            failed.accept(error);
                        } else {
                            folded += inserted;
                            done.run();
                        }
                    }));
        }
        return new AsyncClosedLoop(pg.shard()::execute, s.inFlight, (done, failed) ->
                (s.isPointLookup() ? pg.runAsync(query, Scenario.randomWorldId()) : pg.runAsync(query))
                        .onComplete((result, error) -> {
                            if (error != null) {
                                failed.accept(error);
                            } else {
                                folded += RowReading.read(s, result);
                                done.run();
                            }
                        }));
    }

    /** One batch's rows, {@code (id, randomnumber)} each, built as an application would build them. */
    static List<Object[]> batchRows() {
        List<Object[]> rows = new ArrayList<>(BenchSchema.BATCH_ROWS);
        for (int i = 0; i < BenchSchema.BATCH_ROWS; i++) {
            rows.add(new Object[] {i, Scenario.randomWorldId()});
        }
        return rows;
    }

    @Override
    public void close() {
        Sink.publish(folded);
        pg.close();
        pool.close();
    }

    /** Reads every value of a result the way an application would, then releases it. */
    static final class RowReading {
        private RowReading() {
        }

        static long read(Scenario s, QueryResult result) {
            try (result) {
                long h = 0;
                switch (s) {
                    case SELECT_ONE_1, SELECT_ONE_16 -> h = result.one().getInt(0);
                    case POINT_LOOKUP_1, POINT_LOOKUP_16, MANY_ROWS -> {
                        for (io.fasterapi.pg.Row r : result) {
                            h += r.getInt(0) + r.getInt(1);
                        }
                    }
                    case WIDE_FETCH -> {
                        for (io.fasterapi.pg.Row r : result) {
                            h += r.getInt(0) + r.getLong(1) + r.getString(2).length() + r.getBigDecimal(3).scale()
                                    + r.get(4, java.time.OffsetDateTime.class).getMinute() + (r.getBoolean(5) ? 1 : 0)
                                    + (long) r.getDouble(6) + r.get(7, java.util.UUID.class).getLeastSignificantBits();
                        }
                    }
                }
                return h;
            }
        }
    }
}
