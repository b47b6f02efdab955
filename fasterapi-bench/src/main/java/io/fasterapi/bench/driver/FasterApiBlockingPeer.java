package io.fasterapi.bench.driver;

import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import io.fasterapi.pg.PreparedQuery;

/**
 * Our driver through its blocking API from a virtual thread, as a blocking handler uses it: each
 * call hops to the connection's loop and parks until the result is back. 1 in flight only.
 */
final class FasterApiBlockingPeer implements Peer {
    static final String NAME = "fasterapi blocking";
    private final PgPool pool;
    private final Pg pg;

    FasterApiBlockingPeer(Dsn dsn) {
        pool = PgPool.builder(dsn.url()).threads(1).minSize(1).maxSize(1).build();
        pg = pool.get();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String how(Scenario s) {
        return "1 connection, pg." + (s == Scenario.BATCH_INSERT ? "runMany" : "run") + "() on a virtual thread";
    }

    @Override
    public Load load(Scenario s) {
        if (s.inFlight != 1) {
            return null;
        }
        PreparedQuery query = PreparedQuery.of(s.sql());
        if (s == Scenario.BATCH_INSERT) {
            return new ThreadedClosedLoop(1, Thread.ofVirtual().factory(), () -> pg.runMany(query, FasterApiPeer.batchRows()));
        }
        return new ThreadedClosedLoop(1, Thread.ofVirtual().factory(), () -> FasterApiPeer.RowReading.read(s,
                s.isPointLookup() ? pg.run(query, Scenario.randomWorldId()) : pg.run(query)));
    }

    @Override
    public void close() {
        pg.close();
        pool.close();
    }
}
