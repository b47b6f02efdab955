package io.fasterapi.bench.driver;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * vertx-pg-client 5 on one connection with its prepared-statement cache on and pipelining on (its
 * default limit, 256): the next query starts from the completion of the last, on the connection's
 * event loop, as in {@link FasterApiPeer}.
 */
final class VertxPeer implements Peer {
    static final String NAME = "vertx-pg-client";
    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    private final Executor loop = task -> context.runOnContext(v -> task.run());
    private final PgConnection connection;
    private long folded;

    VertxPeer(Dsn dsn) throws Exception {
        PgConnectOptions options = PgConnectOptions.fromUri(dsn.url())
                .setCachePreparedStatements(true)
                .setPipeliningLimit(PgConnectOptions.DEFAULT_PIPELINING_LIMIT);
        java.util.concurrent.CompletableFuture<PgConnection> connected = new java.util.concurrent.CompletableFuture<>();
        loop.execute(() -> PgConnection.connect(vertx, options).onComplete(connected::complete, connected::completeExceptionally));
        connection = connected.get(30, TimeUnit.SECONDS);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String how(Scenario s) {
        return s == Scenario.BATCH_INSERT ? "1 connection, executeBatch"
                : s.inFlight == 1 ? "1 connection, async" : "1 connection, " + s.inFlight + " pipelined";
    }

    @Override
    public Load load(Scenario s) {
        PreparedQuery<RowSet<Row>> query = connection.preparedQuery(s.sql());
        if (s == Scenario.BATCH_INSERT) {
            return new AsyncClosedLoop(loop, s.inFlight, (done, failed) -> {
                List<Tuple> tuples = new ArrayList<>(BenchSchema.BATCH_ROWS);
                for (int i = 0; i < BenchSchema.BATCH_ROWS; i++) {
                    tuples.add(Tuple.of(i, Scenario.randomWorldId()));
                }
                query.executeBatch(tuples).onComplete(rows -> {
                    for (RowSet<Row> r = rows; r != null; r = r.next()) {
                        folded += r.rowCount();
                    }
                    done.run();
                }, failed::accept);
            });
        }
        return new AsyncClosedLoop(loop, s.inFlight, (done, failed) ->
                (s.isPointLookup() ? query.execute(Tuple.of(Scenario.randomWorldId())) : query.execute())
                        .onComplete(rows -> {
                            folded += read(s, rows);
                            done.run();
                        }, failed::accept));
    }

    private static long read(Scenario s, RowSet<Row> rows) {
        long h = 0;
        for (Row r : rows) {
            switch (s) {
                case SELECT_ONE_1, SELECT_ONE_16 -> h += r.getInteger(0);
                case POINT_LOOKUP_1, POINT_LOOKUP_16, MANY_ROWS -> h += r.getInteger(0) + r.getInteger(1);
                case WIDE_FETCH -> h += r.getInteger(0) + r.getLong(1) + r.getString(2).length()
                        + r.getBigDecimal(3).scale() + r.getOffsetDateTime(4).getMinute() + (r.getBoolean(5) ? 1 : 0)
                        + r.getDouble(6).longValue() + r.getUUID(7).getLeastSignificantBits();
            }
        }
        return h;
    }

    @Override
    public void close() throws Exception {
        Sink.publish(folded);
        connection.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
    }
}
