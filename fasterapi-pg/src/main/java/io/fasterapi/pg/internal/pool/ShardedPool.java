package io.fasterapi.pg.internal.pool;

import io.fasterapi.core.Cancellable;
import io.fasterapi.core.Deadline;
import io.fasterapi.core.Future;
import io.fasterapi.core.Promise;
import io.fasterapi.core.Reactor;
import io.fasterapi.core.Shard;
import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgConnectionException;
import io.fasterapi.pg.PgNotification;
import io.fasterapi.pg.PgPool;
import io.fasterapi.pg.PgTimeoutException;
import io.fasterapi.pg.PoolHealth;
import io.fasterapi.pg.PoolStats;
import io.fasterapi.pg.PreparedQuery;
import io.fasterapi.pg.QueryResult;
import io.fasterapi.pg.internal.config.ConnectionConfig;
import io.fasterapi.pg.internal.config.DsnParser;
import io.fasterapi.pg.internal.config.HostPort;
import io.fasterapi.pg.internal.config.PoolTimeouts;
import io.fasterapi.pg.internal.config.TransactionPooling;
import io.fasterapi.pg.internal.connection.Connector;
import io.fasterapi.pg.internal.tracing.DbSpan;
import io.fasterapi.pg.internal.tracing.OtelPgTracer;
import io.fasterapi.pg.internal.tracing.PgTracer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool behind {@link PgPool} (which holds the API and says what each call does): one
 * {@link ShardPool} per shard of the reactor, and on top of them the acquire paths that pick a
 * shard and hand out {@link PgSession}s, pipelined statements, the LISTEN connection, readiness
 * probes, the figures summed over shards, and the shutdown sequence.
 *
 * <p>Acquiring: a blocking caller first claims an idle connection given back off the loop, on its
 * own thread ({@link ShardPool#tryAcquireOffLoop}); else the shard's loop acquires for it or queues
 * it, and the caller parks on a future without an owner, so its wake-up is one unpark. An async
 * caller on the shard's loop acquires in place (no hop, lock or atomic); from elsewhere it hops to
 * the loop once.
 *
 * <p>Tracing (when {@code PgPool.Builder.tracing} was given OpenTelemetry; {@link #tracer} is null
 * otherwise): a span per pipelined statement, and a pool-wait span whenever a shard could not hand a
 * connection over at once; {@link PgSession} and {@link DeferredSession} trace the rest.
 *
 * <p>Threads: any, as each method of {@link PgPool} says; the per-shard work runs on the shards'
 * loops. The LISTEN connection is made once, under a {@link ReentrantLock}.
 */
public final class ShardedPool extends PgPool {
    /** PgPool's category, as before the split: what operators filter on. */
    private static final Logger log = LoggerFactory.getLogger(PgPool.class);

    private final Reactor reactor;
    private final boolean ownsReactor;
    private final List<ShardPool> shards;
    private final Connector connector;
    private final PoolSettings settings;
    private final Duration acquireTimeout;
    private final Duration defaultDeadline;
    private final HealthProbe healthProbe;
    /** Null when the pool does not trace: then no OpenTelemetry class is loaded. */
    private final PgTracer tracer;
    private final ReentrantLock listenerLock = new ReentrantLock();
    private NotificationListener listener;
    /** {@code pooler=transaction}: LISTEN is refused, and statements do not share connections. */
    private final boolean transactionPooling;
    private volatile boolean closed;

    /**
     * Parses the DSN, reads the TLS certificate files if it names any (on the calling thread: a bad
     * one fails here), then starts a pool per shard.
     */
    public ShardedPool(PoolSetup setup) {
        ConnectionConfig config = DsnParser.parse(setup.dsn());
        if (setup.statementCacheSize() != null) {
            config = config.withStatementCacheSize(setup.statementCacheSize());
        }
        config = config.withCodecs(setup.codecs());
        // Before the reactor exists, so a bad sslrootcert fails the build without leaving threads behind.
        this.connector = new Connector(config, setup.shards().reconnect()::delay);
        this.ownsReactor = setup.reactor() == null;
        this.reactor = setup.reactor() != null ? setup.reactor()
                : Reactor.builder().threads(setup.threads()).name("fasterapi-pg").build();
        PoolTimeouts fromDsn = config.poolTimeouts();
        this.acquireTimeout = orNone(setup.acquireTimeout() != null ? setup.acquireTimeout()
                : fromDsn.acquireTimeout() != null ? fromDsn.acquireTimeout() : PgPool.Builder.DEFAULT_ACQUIRE_TIMEOUT,
                Duration.ofDays(1));
        this.defaultDeadline = orNone(setup.defaultDeadlineSet() ? setup.defaultDeadline()
                : fromDsn.commandTimeout() != null ? fromDsn.commandTimeout() : PgPool.Builder.DEFAULT_DEADLINE, null);
        Duration probeTimeout = setup.healthProbeTimeout();
        this.healthProbe = new HealthProbe(setup.healthProbeInterval(), () -> roundTrip(probeTimeout));
        this.transactionPooling = config.transactionPooling();
        // Behind a transaction pooler each connection has one unit in flight at a time (CommandPipeline): a
        // statement waiting behind another's would wait for nothing, so each takes a connection of its own.
        this.settings = transactionPooling ? setup.shards().withPipeliningDepth(1) : setup.shards();
        List<ShardPool> list = new ArrayList<>();
        for (Shard s : reactor.shards()) {
            ShardPool sp = new ShardPool(s, connector, settings);
            list.add(sp);
            s.execute(sp::start);
        }
        this.shards = List.copyOf(list);
        HostPort first = config.hosts().get(0);
        this.tracer = setup.openTelemetry() == null ? null : OtelPgTracer.create(setup.openTelemetry(),
                config.database(), first.host(), first.port(), setup.metricsName());
        if (setup.meterRegistry() != null) {
            PoolMetrics.bind(setup.meterRegistry(), setup.metricsName(), shards, connector.health());
        }
    }

    /** {@code d}, or {@code none} when {@code d} is null or zero (a DSN's 0 means no limit). */
    private static Duration orNone(Duration d, Duration none) {
        return d == null || d.isZero() ? none : d;
    }

    @Override
    public Reactor reactor() {
        return reactor;
    }

    /** The caller's shard ({@link Shard#affine()}) if it is one of ours, else the next round-robin. Any thread. */
    private ShardPool pick() {
        return shards.get(reactor.next().id());
    }

    // ------------------------------------------------------------------ blocking acquire

    @Override
    public Pg get() {
        Shard.checkMayBlock("PgPool.get()");
        return getBlocking(pick(), acquireTimeout, null);
    }

    @Override
    public Pg get(Deadline deadline) {
        Objects.requireNonNull(deadline, "deadline");
        Shard.checkMayBlock("PgPool.get()");
        long left = deadline.remainingNanos();
        if (left == 0) {
            throw new PgTimeoutException("deadline passed before a connection was acquired");
        }
        Duration wait = Duration.ofNanos(Math.min(left, acquireTimeout.toNanos()));
        return getBlocking(pick(), wait, deadline);
    }

    @Override
    public Pg get(int core, Duration timeout) {
        Shard.checkMayBlock("PgPool.get()");
        return getBlocking(shards.get(core), timeout, null);
    }

    /**
     * Off the loops: an idle connection given back off the loop is claimed on this thread without
     * waking the shard; else the shard's loop acquires (or queues the caller) and this thread parks
     * on a future without an owner, so the wake-up is one unpark, not a second hop.
     */
    private Pg getBlocking(ShardPool sp, Duration timeout, Deadline cap) {
        if (closed) {
            throw ShardPool.closedPool();
        }
        Throwable site = sp.detectsLeaks() ? LeakDetector.acquisitionSite() : null;
        PooledConnection idle = sp.tryAcquireOffLoop();
        if (idle != null) {
            return handle(sp, idle, site, cap);
        }
        Object caller = tracer == null ? null : tracer.current();
        Promise<Pg> handed = new Promise<>((Shard) null);
        sp.shard().execute(() -> {
            try {
                acquireOnLoop(sp, false, timeout, caller).onComplete((pc, err) -> {
                    if (err != null) {
                        handed.fail(err);
                    } else {
                        handed.complete(handle(sp, pc, site, cap));
                    }
                });
            } catch (RuntimeException e) {
                handed.fail(e);
            }
        });
        return handed.await();
    }

    // ------------------------------------------------------------------ async acquire

    @Override
    public Future<Pg> getAsync() {
        return getAsync(pick(), acquireTimeout, null);
    }

    @Override
    public Future<Pg> getAsync(Deadline deadline) {
        Objects.requireNonNull(deadline, "deadline");
        long left = deadline.remainingNanos();
        if (left == 0) {
            return Future.failed(new PgTimeoutException("deadline passed before a connection was acquired"));
        }
        return getAsync(pick(), Duration.ofNanos(Math.min(left, acquireTimeout.toNanos())), deadline);
    }

    /** On the shard's own loop with a connection idle: ready at once, no hop, lock or atomic. */
    private Future<Pg> getAsync(ShardPool sp, Duration timeout, Deadline cap) {
        if (closed) {
            return Future.failed(ShardPool.closedPool());
        }
        Throwable site = sp.detectsLeaks() ? LeakDetector.acquisitionSite() : null;
        Object caller = tracer == null ? null : tracer.current();
        if (sp.shard().inLoop()) {
            PooledConnection pc = sp.tryAcquire();
            if (pc != null) {
                return Future.ready(handle(sp, pc, site, cap));
            }
            return acquireOnLoop(sp, false, timeout, caller).map(c -> handle(sp, c, site, cap));
        }
        return sp.shard().submitAsync(() -> acquireOnLoop(sp, false, timeout, caller).map(c -> handle(sp, c, site, cap)));
    }

    /**
     * A connection of {@code sp} (shared: for a pipelined statement), waiting up to {@code timeout};
     * when the pool traces and the shard has none to hand over at once, under a pool-wait span child
     * of {@code caller} (the context current when the caller asked). Loop.
     */
    private Future<PooledConnection> acquireOnLoop(ShardPool sp, boolean shared, Duration timeout, Object caller) {
        Future<PooledConnection> f = shared ? sp.acquireShared(timeout) : sp.acquire(timeout);
        if (tracer == null || f.isDone()) {
            return f;
        }
        DbSpan wait = tracer.inContext(caller, tracer::poolWait);
        return f.onComplete(wait::end);
    }

    /** The pool's tracer; null when it does not trace. */
    PgTracer tracer() {
        return tracer;
    }

    private Pg handle(ShardPool sp, PooledConnection pc, Throwable site, Deadline cap) {
        PgSession s = new PgSession(pc, sp, defaultDeadline, cap, tracer);
        if (site != null) {
            sp.track(s, pc, site);
        }
        return s;
    }

    @Override
    public <T> Future<T> withConnection(Function<Pg, Future<T>> body) {
        Objects.requireNonNull(body, "body");
        if (tracer != null) { // the body runs in a continuation: under the caller's context, not none
            Object caller = tracer.current();
            return getAsync().flatMap(pg -> tracer.inContext(caller, () -> runReleasing(pg, body)));
        }
        return getAsync().flatMap(pg -> runReleasing(pg, body));
    }

    private static <T> Future<T> runReleasing(Pg pg, Function<Pg, Future<T>> body) {
        Future<T> f;
        try {
            f = body.apply(pg);
        } catch (RuntimeException e) {
            pg.close();
            return Future.failed(e);
        }
        return f.onComplete((v, e) -> pg.close());
    }

    // ------------------------------------------------------------------ pipelined statements

    @Override
    public Future<QueryResult> execAsync(String sql, Object... args) {
        Objects.requireNonNull(sql, "sql");
        Object[] a = args == null ? new Object[] {null} : args;
        return pipelined(sql, null, a, defaultDeadline, null);
    }

    @Override
    public Future<QueryResult> runAsync(PreparedQuery query, Object... args) {
        Objects.requireNonNull(query, "query");
        Object[] a = args == null ? new Object[] {null} : args;
        return pipelined(query.sql(), query, a, defaultDeadline, null);
    }

    @Override
    public Pg shared() {
        return new DeferredSession(this, defaultDeadline, null);
    }

    @Override
    public Pg shared(Deadline deadline) {
        Objects.requireNonNull(deadline, "deadline");
        return new DeferredSession(this, defaultDeadline, deadline);
    }

    /**
     * A statement on a shared connection ({@link #execAsync}, a {@link DeferredSession}'s): its deadline,
     * {@code timeout} (null for none) capped by {@code cap} (null for none), starts once it has a connection.
     */
    Future<QueryResult> pipelined(String sql, PreparedQuery query, Object[] args, Duration timeout, Deadline cap) {
        if (tracer == null) {
            return pipelined(pc -> pc.connection.query(sql, query, args, CallDeadlines.of(timeout, cap)), null);
        }
        Object caller = tracer.current();
        return tracer.statement(sql, false).track(() -> pipelined(
                pc -> pc.connection.query(sql, query, args, CallDeadlines.of(timeout, cap)), caller));
    }

    /** The shard a call from this thread would use. Any thread. */
    Shard shardOfCaller() {
        return pick().shard();
    }

    /** A statement on a connection it may share with others of the shard (see {@link ShardPool#tryAcquireShared}). */
    private Future<QueryResult> pipelined(Function<PooledConnection, Future<QueryResult>> statement, Object caller) {
        if (closed) {
            return Future.failed(ShardPool.closedPool());
        }
        ShardPool sp = pick();
        if (sp.shard().inLoop()) {
            PooledConnection pc = sp.tryAcquireShared();
            if (pc != null) {
                return runShared(sp, pc, statement);
            }
            return acquireOnLoop(sp, true, acquireTimeout, caller).flatMap(c -> runShared(sp, c, statement));
        }
        return sp.shard().submitAsync(() -> acquireOnLoop(sp, true, acquireTimeout, caller)
                .flatMap(c -> runShared(sp, c, statement)));
    }

    private static Future<QueryResult> runShared(ShardPool sp, PooledConnection pc,
            Function<PooledConnection, Future<QueryResult>> statement) {
        Future<QueryResult> f;
        try {
            f = statement.apply(pc);
        } catch (RuntimeException e) {
            sp.release(pc);
            return Future.failed(e);
        }
        return f.onComplete((r, e) -> sp.release(pc));
    }

    // ------------------------------------------------------------------ LISTEN, probes, figures

    @Override
    public Future<Cancellable> listen(String channel, Consumer<PgNotification> handler) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(handler, "handler");
        if (closed) {
            return Future.failed(ShardPool.closedPool());
        }
        if (transactionPooling) {
            return Future.failed(new io.fasterapi.pg.PgException(TransactionPooling.listenRefusal()));
        }
        NotificationListener l;
        listenerLock.lock();
        try {
            if (listener == null) {
                listener = new NotificationListener(reactor.shard(0), connector, settings.reconnect(),
                        settings.healthCheckInterval());
            }
            l = listener;
        } finally {
            listenerLock.unlock();
        }
        return l.listen(channel, handler);
    }

    @Override
    public Future<Boolean> ping(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return roundTrip(timeout).map(failure -> {
            if (failure != null) {
                log.debug("ping failed: {}", failure.getMessage());
            }
            return failure == null;
        });
    }

    @Override
    public Future<Boolean> checkHealth() {
        if (closed) {
            return Future.ready(false);
        }
        return healthProbe.check();
    }

    @Override
    public PoolHealth health() {
        return healthProbe.health();
    }

    /** One empty query within {@code timeout}: null when answered, else the failure. Never a failed future. */
    private Future<Throwable> roundTrip(Duration timeout) {
        if (closed) {
            return Future.ready(ShardPool.closedPool());
        }
        long deadline = System.nanoTime() + Math.max(1, timeout.toNanos());
        ShardPool sp = pick();
        Future<QueryResult> answer = sp.shard().submitAsync(() -> sp.acquireShared(timeout).flatMap(pc -> runShared(sp, pc,
                c -> c.connection.script("", deadline).map(results -> {
                    results.forEach(QueryResult::close);
                    return (QueryResult) null;
                }))));
        return answer.map(r -> (Throwable) null).recover(e -> e);
    }

    @Override
    public PoolStats stats() {
        List<PoolStats> per = new ArrayList<>();
        boolean exact = !Shard.onEventLoop();
        for (ShardPool sp : shards) {
            PoolStats s = null;
            if (exact && !reactor.isShuttingDown()) {
                try {
                    s = sp.shard().submit(sp::stats).await(Duration.ofSeconds(5));
                } catch (RuntimeException e) {
                    s = null;
                }
            }
            per.add(s != null ? s : sp.stats());
        }
        return PoolFigures.sum(per);
    }

    @Override
    public Duration defaultDeadline() {
        return defaultDeadline;
    }

    @Override
    public Duration acquireTimeout() {
        return acquireTimeout;
    }

    // ------------------------------------------------------------------ shutdown

    /**
     * Stops handing out connections (the shards fail their waiters and close their idle
     * connections), waits up to {@code grace} for the handles in use to come back, then terminates
     * what is still out and, when the pool made its reactor, shuts that down. On an event loop it
     * only starts the shutdown: the loop must not block.
     */
    @Override
    public void close(Duration grace) {
        if (closed) {
            return;
        }
        closed = true;
        listenerLock.lock();
        try {
            if (listener != null) {
                listener.close();
            }
        } finally {
            listenerLock.unlock();
        }
        List<Future<Object>> done = onEveryShard(ShardPool::close);
        if (Shard.onEventLoop()) {
            return;
        }
        Future.whenAll(done).await(Duration.ofSeconds(10));
        long deadline = System.nanoTime() + grace.toNanos();
        while (stats().inUse() > 0 && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Future.whenAll(onEveryShard(ShardPool::terminateLent)).await(Duration.ofSeconds(10));
        if (ownsReactor) {
            // Give Terminate messages a moment to leave before the loops stop.
            reactor.shutdown(Duration.ofMillis(50), Duration.ofSeconds(5)).await();
        }
    }

    /** Runs {@code step} on each shard's loop; the futures complete as each is done. */
    private List<Future<Object>> onEveryShard(Consumer<ShardPool> step) {
        List<Future<Object>> done = new ArrayList<>();
        for (ShardPool sp : shards) {
            done.add(sp.shard().submit(() -> {
                step.accept(sp);
                return null;
            }));
        }
        return done;
    }
}
