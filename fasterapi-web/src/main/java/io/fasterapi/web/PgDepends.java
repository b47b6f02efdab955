package io.fasterapi.web;

import io.fasterapi.core.Future;

import io.fasterapi.core.Shard;
import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import io.fasterapi.pg.PgReplicas;
import io.fasterapi.pg.Tx;
import io.fasterapi.web.internal.dependency.RequestTransaction;
import io.fasterapi.web.internal.dependency.PoolBacked;
import java.util.Objects;

/**
 * A request-scoped PostgreSQL connection as a dependency: the seed's {@code get_pg_factory(pool)}.
 *
 * {@snippet :
 * App app = App.create()
 *         .reactor(pool.reactor())                  // requests and their queries on one core
 *         .provide(Pg.class, PgDepends.from(pool));
 * app.include(new ItemRoutes());                    // handlers take a Pg parameter
 * }
 *
 * <p>The handle is a {@link PgPool#shared(io.fasterapi.core.Deadline) shared} one, made the first time
 * the request needs it (when a handler or dependency parameter of type {@code Pg} is bound, or on
 * {@code request.dependency(Pg.class)}), at most once per request: its single statements that keep
 * nothing in the session run pipelined with other requests' statements on the shard's shared
 * connections, as the async {@code pool.execAsync} does, and the first call that needs a session
 * (a transaction, {@code SET}, a temporary table, COPY, a stream...) takes a connection of the
 * request's own, returned to the pool after the response has been written, also when the handler
 * failed (an open transaction is rolled back by the pool). Where a handler must run every statement
 * in one session, it takes a {@link PgPool} and calls {@code pool.get()}. The request's deadline
 * ({@link Request#deadline()}, from {@link ServerOptions.Builder#handlerTimeout}) is passed on: every
 * statement (and the acquire of a connection) gets only the time the request has left (or the
 * pool's own deadlines, when sooner), so when the database stops answering the handler's calls fail
 * with a {@code PgTimeoutException} (504) at the request's deadline and its virtual thread is not
 * left parked. A handler that runs on the event loop (it returns a {@code Future}) takes its
 * {@code Pg} from {@link #fromAsync} instead, which acquires a connection without blocking and
 * passes the deadline on the same way (or it takes the {@link PgPool} and uses
 * {@code pool.execAsync} or {@code pool.withConnection}, which keep the pool's own deadlines).
 *
 * <p>Errors the driver throws out of a handler are answered without SQL, server messages or stack
 * traces in the body (register an {@link App#exceptionHandler} to answer differently):
 *
 * <table>
 * <caption>Default responses to PostgreSQL errors</caption>
 * <tr><th>error</th><th>status</th><th>why</th></tr>
 * <tr><td>23505 unique_violation</td><td>409</td><td>the resource (or its key) already exists</td></tr>
 * <tr><td>23503 foreign_key_violation</td><td>409</td><td>conflicts with the state of another resource</td></tr>
 * <tr><td>23502 not_null, 23514 check, 23P01 exclusion, class 22 data exceptions</td><td>400</td>
 *     <td>the request's data is invalid for the database; 400 rather than 422, so that a 422 always
 *     carries FastAPI's list of validation errors</td></tr>
 * <tr><td>40001 serialization_failure, 40P01 deadlock_detected (once the transaction's retries are
 *     spent)</td><td>503, {@code Retry-After: 1}</td><td>transient: the same request may succeed</td></tr>
 * <tr><td>{@code PgTimeoutException} (deadline), 57014 query_canceled</td><td>504</td>
 *     <td>the database did not answer in time</td></tr>
 * <tr><td>{@code PgConnectionException} (pool exhausted at its deadline, server gone, I/O),
 *     class 08, 53300 too_many_connections, 57P01..57P03</td><td>503, {@code Retry-After: 1}</td>
 *     <td>the database is unavailable for now</td></tr>
 * <tr><td>anything else</td><td>500</td><td>a bug or a misconfiguration, logged with its stack</td></tr>
 * </table>
 *
 * <p>The app adds the pool's health to {@code /ready} as the check {@code postgres} (see
 * {@link App#readinessCheck}).
 *
 * <p>The mapping is only loaded when a {@code PgException} is thrown, so the web module runs
 * without {@code fasterapi-pg} on the class path. Thread-safe.
 */
public final class PgDepends {
    private PgDepends() {
    }

    /**
     * A factory for {@link App#provide(Class, Provider)} handing each request its own {@link Pg}
     * from {@code pool}. The factory runs on the handler's virtual thread.
     */
    public static Provider<Pg> from(PgPool pool) {
        Objects.requireNonNull(pool, "pool");
        return new PoolProvider(pool);
    }

    /**
     * A factory for {@link App#provideAsync} handing each request its own {@link Pg} from
     * {@code pool} without blocking, for handlers that return a {@code Future} (they run on the event
     * loop) as well as blocking ones (they wait on their virtual thread):
     *
     * {@snippet :
     * app.provideAsync(Pg.class, PgDepends.fromAsync(pool));
     *
     * @Get("/items/{id}")
     * public Future<Item> item(int id, Pg pg) {                  // acquired before the handler runs
     *     return pg.runAsync(ITEM_BY_ID, id).map(r -> r.one(Item.class));
     * }
     * }
     *
     * <p>As with {@link #from}, the request's deadline is passed on ({@link PgPool#getAsync(io.fasterapi.core.Deadline)}):
     * the acquire and every statement of the handle end by it, so when the handler's 504 goes out its
     * statements are cancelled rather than left running on the server. Released after the response.
     */
    public static AsyncProvider<Pg> fromAsync(PgPool pool) {
        Objects.requireNonNull(pool, "pool");
        return new AsyncPoolProvider(pool);
    }

    private record AsyncPoolProvider(PgPool pool) implements AsyncProvider<Pg>, PoolBacked {
        @Override
        public Future<Pg> provide(Request request) {
            return request.deadline().map(d -> pool.getAsync(d)).orElseGet(pool::getAsync);
        }
    }

    /**
     * A factory for {@link App#provide(Class, Provider)} handing each request a transaction on a
     * connection of its own from {@code pool} ("transaction per request", FastAPI's dependency that
     * yields a session inside {@code try/except}):
     *
     * {@snippet :
     * app.provide(Tx.class, PgDepends.transactional(pool));
     * app.post("/orders", req -> {
     *     Tx tx = req.dependency(Tx.class);       // or a Tx parameter of a handler method
     *     tx.exec("INSERT INTO orders(item) VALUES ($1)", req.queryParam("item"));
     *     return Map.of("ok", true);
     * });
     * }
     *
     * <p>The transaction begins when the request first needs it and is committed once the handler has
     * returned normally, <em>before</em> the response is encoded: a commit that fails (a deferred
     * constraint, a serialization failure, {@code TxOutcomeUnknownException}) is answered as the error
     * it is (409, 503... as in the table above) rather than a 200 for data that was not stored. When
     * the handler throws (or a later dependency, or the deadline's 504 overtakes it) the transaction
     * is rolled back. The connection goes back to the pool after the response. A handler may commit
     * or roll back itself; that stands. See {@link DependencyCleanup} for the timing against FastAPI's.
     * Blocking, as {@link #from}: for handlers on virtual threads.
     */
    public static Provider<Tx> transactional(PgPool pool) {
        Objects.requireNonNull(pool, "pool");
        return new TransactionProvider(pool);
    }

    private record TransactionProvider(PgPool pool) implements Provider<Tx>, PoolBacked {
        @Override
        public Tx provide(Request request) {
            return new RequestTransaction(new PoolProvider(pool).provide(request));
        }
    }

    /**
     * A factory for {@link App#provide(Class, Provider)} handing each request a
     * {@link PgReplicas.Session}: its reads go to the replicas until it takes its write handle, then
     * see its own writes ({@link PgReplicas.AfterWrite}); the request's deadline bounds every call;
     * closed after the response. The primary's pool gets the {@code /ready} check.
     *
     * {@snippet :
     * app.provide(PgReplicas.Session.class, PgDepends.session(replicas));
     *
     * @Post("/items")
     * public Item create(@Body Item item, PgReplicas.Session db) {
     *     db.writes().exec("INSERT INTO items(name) VALUES ($1)", item.name());
     *     return db.reads().exec("SELECT * FROM items WHERE name = $1", item.name()).one(Item.class); // sees it
     * }
     * }
     *
     * Blocking, as {@link #from}: for handlers on virtual threads.
     */
    public static Provider<PgReplicas.Session> session(PgReplicas replicas) {
        Objects.requireNonNull(replicas, "replicas");
        return new ReplicasProvider(replicas);
    }

    private record ReplicasProvider(PgReplicas replicas) implements Provider<PgReplicas.Session>, PoolBacked {
        @Override
        public PgReplicas.Session provide(Request request) {
            return request.deadline().map(replicas::session).orElseGet(replicas::session);
        }

        @Override
        public Object pool() {
            return replicas.primary();
        }
    }

    /** The factory: a {@link PoolBacked} one, so the app adds the pool's health to {@code /ready}. */
    private record PoolProvider(PgPool pool) implements Provider<Pg>, PoolBacked {
        @Override
        public Pg provide(Request request) {
            if (Shard.onEventLoop()) {
                throw new IllegalStateException("a Pg dependency from PgDepends.from blocks its caller, but "
                        + request.method() + " " + request.path() + " runs on the event loop (its handler returns"
                        + " a Future): take a PgPool parameter and use pool.execAsync or pool.withConnection");
            }
            return request.deadline().map(pool::shared).orElseGet(pool::shared);
        }
    }
}
