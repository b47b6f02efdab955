package io.fasterapi.pg;

import io.fasterapi.core.Deadline;
import io.fasterapi.core.Future;
import io.fasterapi.core.LongLived;
import io.fasterapi.core.Promise;
import io.fasterapi.core.Reactor;
import io.fasterapi.core.Shard;
import io.fasterapi.pg.internal.codec.UserCodec;
import io.fasterapi.pg.internal.config.ConnectionConfig;
import io.fasterapi.pg.internal.config.DsnParser;
import io.fasterapi.pg.internal.connection.Connector;
import io.fasterapi.core.Cancellable;
import io.fasterapi.pg.internal.config.PoolTimeouts;
import io.fasterapi.pg.internal.pool.BoundedLifoPolicy;
import io.fasterapi.pg.internal.pool.HealthProbe;
import io.fasterapi.pg.internal.pool.NotificationListener;
import io.fasterapi.pg.internal.pool.PgSession;
import io.fasterapi.pg.internal.pool.PoolMetrics;
import io.fasterapi.pg.internal.pool.PoolSettings;
import io.fasterapi.pg.internal.pool.PooledConnection;
import io.fasterapi.pg.internal.pool.ShardPool;
import io.fasterapi.pg.internal.pool.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections to one PostgreSQL database, pooled per shard of a {@link Reactor}: each shard owns
 * {@code minSize..maxSize} connections on its own event loop, so a request and its queries stay on
 * one core.
 *
 * {@snippet :
 * PgPool pool = PgPool.builder("postgres://app:secret@localhost/shop").maxSize(8).build();
 * try (Pg pg = pool.get()) {                       // blocking: from a virtual thread
 *     pg.exec("INSERT INTO items(name) VALUES ($1)", "Widget");
 * }
 * Future<QueryResult> f = pool.execAsync("SELECT * FROM items WHERE id=$1", 42); // any thread
 * }
 *
 * <p>Which shard: a blocking caller gets the shard it has affinity with ({@link Shard#affine()},
 * the shard of its request) or the next one round-robin; an async caller on one of the reactor's
 * loops gets that loop's shard.
 *
 * <p>DSN: {@code postgres://} / {@code postgresql://} URLs and libpq {@code key=value} strings with
 * {@code sslmode}, {@code sslrootcert}, {@code sslnegotiation} (as in libpq 17: {@code postgres}, the
 * default, asks for TLS with an SSLRequest; {@code direct} opens TLS at once, for PostgreSQL 17+ or a
 * TLS proxy in front of it, needs {@code sslmode} {@code require} or stronger, and, before it sends
 * anything (the StartupMessage or a cancel key), checks that the server selected the ALPN protocol
 * {@code postgresql}, failing with a {@link PgConnectionException} otherwise), {@code application_name},
 * {@code connect_timeout}, several hosts and {@code target_session_attrs},
 * {@code min_protocol_version} / {@code max_protocol_version} ({@code 3.0}, {@code 3.2} or
 * {@code latest}, as in libpq 18: the default asks for 3.0; asking for 3.2 gets PostgreSQL 18's
 * long cancel keys and falls back to 3.0 on older servers unless {@code min_protocol_version=3.2}),
 * {@code channel_binding} (as in libpq: {@code prefer}, the default, binds SCRAM to the TLS
 * channel with SCRAM-SHA-256-PLUS when the session is TLS and the server offers it;
 * {@code require} refuses to log in otherwise — no TLS, no -PLUS offered, a cleartext or MD5
 * password asked for, or a trust login — before anything derived from the password is sent, and is
 * what detects a proxy that terminates TLS with its own certificate under {@code sslmode=require};
 * {@code disable} never binds),
 * client certificates as in libpq ({@code sslcert}, PEM or DER; {@code sslkey}, PKCS#8, encrypted
 * PKCS#8 with {@code sslpassword}, or PKCS#1 RSA, in PEM or DER; by default
 * {@code ~/.postgresql/postgresql.crt} and {@code .key} when the certificate exists there), for
 * {@code cert} authentication and {@code clientcert=verify-full} (read when the pool is built: a
 * missing file, an unreadable key or a wrong {@code sslpassword} fails {@link Builder#build()} naming
 * the file, never the password; unlike libpq, an {@code sslcert} given but missing is an error, not
 * silently skipped), TCP keepalives as in libpq ({@code keepalives}, on unless 0;
 * {@code keepalives_idle}, {@code keepalives_interval} in seconds, {@code keepalives_count}, each
 * the system's when absent or 0; {@code tcp_user_timeout} in milliseconds, on the native epoll
 * transport only, since the JDK's NIO cannot set it; out-of-range values are refused naming the key),
 * and the PG* environment variables as fallbacks. Extra keys: {@code statement_cache_size} (0 turns the statement cache
 * off, for PgBouncer in transaction mode), {@code command_timeout} and {@code acquire_timeout} (the
 * pool's default deadlines, in seconds, decimals allowed, 0 for none: see
 * {@link Builder#defaultDeadline} and {@link Builder#acquireTimeout}, which win over them). libpq keys
 * with no effect here ({@code sslsni}, {@code sslcrl}...) are accepted; Unix sockets are refused.
 *
 * <p>Async statements pipeline: {@link #execAsync} and {@link #runAsync} calls from many requests
 * on one shard may share a connection, up to {@link Builder#pipeliningDepth} at once (an idle
 * connection is preferred, then the least busy shared one). Handles ({@link #get()},
 * {@link #withConnection}) hold a connection alone.
 *
 * <p>Upkeep, per shard on its loop: idle connections above {@code minSize} close after
 * {@link Builder#idleTimeout}; connections retire at {@link Builder#maxLifetime}; one unused for
 * {@link Builder#healthCheckInterval} gets an empty query before reuse and is replaced if that
 * fails; a connection the server closes is dropped at once. A connection given back while a
 * statement that passed its deadline is still unanswered (the server or the network stalled) is
 * reused only once that answer arrives, waiting at most the DSN's {@code connect_timeout}, and is
 * otherwise closed and replaced, so later callers never queue behind it; while such a connection is
 * still shared by pipelined statements, new ones go to another connection (or a new one). While the
 * server is unreachable each shard makes one connection attempt at a time with jittered exponential
 * backoff ({@link Builder#reconnectBackoff}), so a restarted server is not stormed; callers waiting
 * while nothing is open fail at once with the cause. {@link #ping()} is a probe of its own per call;
 * {@link #checkHealth()} is the cached, rate-limited one for readiness endpoints.
 *
 * <p>Deadlines always fire: every statement has the pool's default deadline (30 s unless the builder
 * or the DSN's {@code command_timeout} says otherwise) and every acquire its timeout (30 s, or
 * {@code acquire_timeout}), so a network that silently stops delivering (a blackhole: no reset, no
 * error) fails calls with {@link PgTimeoutException} or {@link PgConnectionException} instead of
 * hanging them. The deadline fires on the client whatever becomes of the CancelRequest it sends
 * (which a blackhole swallows too): the call fails, and the connection, still owing the answer, is
 * not handed out again until that answer arrives, or is closed and replaced after the DSN's
 * {@code connect_timeout}; new connections are tried with backoff until the path returns. For COPY
 * and for {@link Pg#copyOut(String)} the deadline bounds each wait on the server, not the whole
 * transfer, so a long COPY that keeps moving is never cut; the same holds for each chunk of
 * {@link Pg#stream}. A caller with a deadline of its own (a web request's) passes it to
 * {@link #get(Deadline)} or {@link Pg#withDeadline(Deadline)}.
 *
 * <p>What a released connection is reset to, and why: an open or failed transaction is rolled back
 * (always). When the session ran {@code SET}/{@code RESET}, {@code LISTEN} or
 * {@code DECLARE CURSOR}, or a handler was registered with {@link Pg#listen} or
 * {@link Pg#onNotice}, the pool sends {@code RESET ALL; UNLISTEN *; CLOSE ALL} before reuse, so
 * the next user does not inherit settings, notifications or held cursors; settings from the DSN
 * (startup options) survive RESET ALL. It does not send {@code DISCARD ALL}: that would also drop
 * the prepared statements the connection caches, the main reason to pool. Reset is only sent when
 * needed (the command tags tell us), so an ordinary release costs no round trip. Not reset:
 * session advisory locks, temporary tables and {@code set_config(..., false)} from a SELECT,
 * which the pool cannot see: release the locks yourself, or prefer their transaction-scoped forms.
 *
 * <p>Leak detection ({@link Builder#leakDetection(boolean)}) and Micrometer metrics
 * ({@link Builder#metrics}) are off unless asked for; Micrometer is an optional dependency.
 *
 * <p>Threads: acquire and release on the shard's own loop take no lock and no atomic (the shard's
 * state is confined to its loop). A blocking caller ({@link #get()} on a virtual thread) claims an
 * idle connection that was last given back off the loop, and gives it back, with one
 * compare-and-set each and without waking the loop; it hops to the loop only when none is idle
 * there, when callers are queued (they are served first, in order) or when the connection needs
 * the loop on its return (a reset, a broken or retired connection). Statements still run on the
 * shard's loop as always. {@link #getAsync()} from another thread hops to the loop once.
 */
public final class PgPool implements LongLived {
    private static final Logger log = LoggerFactory.getLogger(PgPool.class);

    private final Reactor reactor;
    private final boolean ownsReactor;
    private final List<ShardPool> shards;
    private final Connector connector;
    private final PoolSettings settings;
    private final Duration acquireTimeout;
    private final Duration defaultDeadline;
    private final long defaultDeadlineNanos;
    private final HealthProbe healthProbe;
    private final ReentrantLock listenerLock = new ReentrantLock();
    private NotificationListener listener;
    private volatile boolean closed;

    private PgPool(Builder b) {
        ConnectionConfig config = DsnParser.parse(b.dsn);
        if (b.statementCacheSize != null) {
            config = config.withStatementCacheSize(b.statementCacheSize);
        }
        config = config.withCodecs(b.codecs);
        // Before the reactor exists, so a bad sslrootcert fails the build without leaving threads behind.
        this.connector = new Connector(config);
        this.ownsReactor = b.reactor == null;
        this.reactor = b.reactor != null ? b.reactor : Reactor.builder().threads(b.threads).name("fasterapi-pg").build();
        PoolTimeouts fromDsn = config.poolTimeouts();
        this.acquireTimeout = orNone(b.acquireTimeout != null ? b.acquireTimeout
                : fromDsn.acquireTimeout() != null ? fromDsn.acquireTimeout() : Builder.DEFAULT_ACQUIRE_TIMEOUT,
                Duration.ofDays(1));
        this.defaultDeadline = orNone(b.defaultDeadlineSet ? b.defaultDeadline
                : fromDsn.commandTimeout() != null ? fromDsn.commandTimeout() : Builder.DEFAULT_DEADLINE, null);
        this.defaultDeadlineNanos = defaultDeadline == null ? 0 : Math.max(1, defaultDeadline.toNanos());
        Duration probeTimeout = b.healthProbeTimeout;
        this.healthProbe = new HealthProbe(b.healthProbeInterval, () -> roundTrip(probeTimeout));
        this.settings = new PoolSettings(new BoundedLifoPolicy(b.minSize, b.maxSize), b.idleTimeout, b.maxLifetime, b.healthCheckInterval,
                b.pipeliningDepth, b.reconnect, b.leakReporter);
        List<ShardPool> list = new ArrayList<>();
        for (Shard s : reactor.shards()) {
            ShardPool sp = new ShardPool(s, connector, settings);
            list.add(sp);
            s.execute(sp::start);
        }
        this.shards = List.copyOf(list);
        if (b.meterRegistry != null) {
            PoolMetrics.bind(b.meterRegistry, b.metricsName, shards);
        }
    }

    /** {@code d}, or {@code none} when {@code d} is null or zero (a DSN's 0 means no limit). */
    private static Duration orNone(Duration d, Duration none) {
        return d == null || d.isZero() ? none : d;
    }

    /** A pool with default settings (minSize 0, maxSize 10 per shard, its own reactor). */
    public static PgPool create(String dsn) {
        return builder(dsn).build();
    }

    /** A builder; the DSN is parsed (and rejected if bad, naming the key) by {@link Builder#build()}. */
    public static Builder builder(String dsn) {
        return new Builder(dsn);
    }

    /** The reactor whose shards own the connections. */
    public Reactor reactor() {
        return reactor;
    }

    /** The caller's shard ({@link Shard#affine()}) if it is one of ours, else the next round-robin. Any thread. */
    private ShardPool pick() {
        return shards.get(reactor.next().id());
    }

    /**
     * A connection of the caller's shard, waiting up to the acquire timeout. Blocking: from a
     * virtual thread; throws IllegalStateException on an event loop.
     *
     * @throws PgConnectionException when none is free by the timeout, or connecting failed
     */
    public Pg get() {
        Shard.checkMayBlock("PgPool.get()");
        return getBlocking(pick(), acquireTimeout, null);
    }

    /**
     * A connection of the caller's shard whose calls must all end by {@code deadline} (see
     * {@link Pg#withDeadline(Deadline)}), waiting for it no longer than the acquire timeout nor past
     * the deadline. For callers with a deadline of their own, such as a web request. Blocking.
     *
     * @throws PgConnectionException when none is free in time, or connecting failed
     * @throws PgTimeoutException when the deadline has already passed
     */
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

    /** The default deadline of each statement (each wait, for COPY); null when there is none. */
    public Duration defaultDeadline() {
        return defaultDeadline;
    }

    /** How long {@link #get()} waits for a connection. */
    public Duration acquireTimeout() {
        return acquireTimeout;
    }

    /** A connection of shard {@code core}, waiting up to {@code timeout}. Blocking. */
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
            throw new PgConnectionException("the pool is closed");
        }
        Throwable site = sp.detectsLeaks() ? ShardPool.acquisitionSite() : null;
        PooledConnection idle = sp.tryAcquireOffLoop();
        if (idle != null) {
            return handle(sp, idle, site, cap);
        }
        Promise<Pg> handed = new Promise<>((Shard) null);
        sp.shard().execute(() -> {
            try {
                sp.acquire(timeout).onComplete((pc, err) -> {
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

    /**
     * A connection of the caller's shard, when one is free. Any thread; completes on that shard.
     * On the shard's own loop with a connection idle, it is ready at once: no hop, lock or atomic.
     */
    public Future<Pg> getAsync() {
        return getAsync(pick(), acquireTimeout, null);
    }

    /**
     * A connection of the caller's shard whose calls must all end by {@code deadline} (see
     * {@link Pg#withDeadline(Deadline)}), waiting for it no longer than the acquire timeout nor past
     * the deadline: {@link #get(Deadline)} for callers on the event loop, such as a web request whose
     * handler returns a future. Fails with {@link PgTimeoutException} when the deadline has already
     * passed, {@link PgConnectionException} when none is free in time.
     */
    public Future<Pg> getAsync(Deadline deadline) {
        Objects.requireNonNull(deadline, "deadline");
        long left = deadline.remainingNanos();
        if (left == 0) {
            return Future.failed(new PgTimeoutException("deadline passed before a connection was acquired"));
        }
        return getAsync(pick(), Duration.ofNanos(Math.min(left, acquireTimeout.toNanos())), deadline);
    }

    private Future<Pg> getAsync(ShardPool sp, Duration timeout, Deadline cap) {
        if (closed) {
            return Future.failed(new PgConnectionException("the pool is closed"));
        }
        Throwable site = sp.detectsLeaks() ? ShardPool.acquisitionSite() : null;
        if (sp.shard().inLoop()) {
            PooledConnection pc = sp.tryAcquire();
            if (pc != null) {
                return Future.ready(handle(sp, pc, site, cap));
            }
            return sp.acquire(timeout).map(c -> handle(sp, c, site, cap));
        }
        return sp.shard().submitAsync(() -> sp.acquire(timeout).map(c -> handle(sp, c, site, cap)));
    }

    private Pg handle(ShardPool sp, PooledConnection pc, Throwable site, Deadline cap) {
        PgSession s = new PgSession(pc, sp, defaultDeadline, cap);
        if (site != null) {
            sp.track(s, pc, site);
        }
        return s;
    }

    /**
     * Runs one statement on a connection of the caller's shard. Any thread. Several such calls may
     * share a connection, pipelined, up to {@link Builder#pipeliningDepth}: use it for single
     * autocommit statements; anything that spans statements (a transaction, SET) needs
     * {@link #withConnection} or {@link #get()}.
     */
    public Future<QueryResult> execAsync(String sql, Object... args) {
        Objects.requireNonNull(sql, "sql");
        Object[] a = args == null ? new Object[] {null} : args;
        return pipelined(pc -> pc.connection().query(sql, null, a, deadline()));
    }

    /** As {@link #execAsync} for a {@link PreparedQuery}, prepared on each connection the first time. Any thread. */
    public Future<QueryResult> runAsync(PreparedQuery query, Object... args) {
        Objects.requireNonNull(query, "query");
        Object[] a = args == null ? new Object[] {null} : args;
        return pipelined(pc -> pc.connection().query(query.sql(), query, a, deadline()));
    }

    private long deadline() {
        return defaultDeadlineNanos == 0 ? 0 : System.nanoTime() + defaultDeadlineNanos;
    }

    private Future<QueryResult> pipelined(Function<PooledConnection, Future<QueryResult>> statement) {
        if (closed) {
            return Future.failed(new PgConnectionException("the pool is closed"));
        }
        ShardPool sp = pick();
        if (sp.shard().inLoop()) {
            PooledConnection pc = sp.tryAcquireShared();
            if (pc != null) {
                return runShared(sp, pc, statement);
            }
            return sp.acquireShared(acquireTimeout).flatMap(c -> runShared(sp, c, statement));
        }
        return sp.shard().submitAsync(() -> sp.acquireShared(acquireTimeout).flatMap(c -> runShared(sp, c, statement)));
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

    /**
     * Acquires a connection, runs {@code body} with it, releases it when the body's future completes
     * (whatever the outcome). Any thread.
     *
     * <p>A body whose future never completes holds the connection for good, and the returned future
     * never completes either: give its statements a deadline ({@link Builder#defaultDeadline},
     * {@link Pg#withDeadline}) so that they end. With leak detection on, such a connection is
     * reported and reclaimed once nothing references the body's future any more (the handle is
     * reachable through the callback that would release it, and only through it); while something
     * still does (your code, a pending statement), it is not a leak the collector can see, but the
     * pool-exhausted message names where the oldest handles out were acquired.
     */
    public <T> Future<T> withConnection(Function<Pg, Future<T>> body) {
        Objects.requireNonNull(body, "body");
        return getAsync().flatMap(pg -> {
            Future<T> f;
            try {
                f = body.apply(pg);
            } catch (RuntimeException e) {
                pg.close();
                return Future.failed(e);
            }
            return f.onComplete((v, e) -> pg.close());
        });
    }

    /**
     * Acquires a connection, runs {@code body} in a transaction ({@link Pg#txAsync}), with up to
     * {@code retries} re-runs on 40001/40P01, and releases the connection. Any thread.
     */
    public <T> Future<T> txAsync(TxIsolation isolation, int retries, Function<Tx, Future<T>> body) {
        return txAsync(TxOptions.of(isolation).withRetries(retries), body);
    }

    /** As {@link #txAsync(TxIsolation, int, Function)} with all the {@link TxOptions}. Any thread. */
    public <T> Future<T> txAsync(TxOptions options, Function<Tx, Future<T>> body) {
        Objects.requireNonNull(options, "options");
        return withConnection(pg -> pg.txAsync(options, body));
    }

    /**
     * Subscribes {@code handler} to NOTIFYs on {@code channel} through the pool's dedicated LISTEN
     * connection (opened on first use, outside the per-shard limits). That connection is
     * health-checked and re-established with backoff when lost; LISTEN is then sent again and the
     * handler receives a gap marker ({@link PgNotification#gap()}) saying notifications may have
     * been lost in between. The future completes once the server confirmed the LISTEN, with a
     * {@link Cancellable} that removes the handler (UNLISTEN after the last one). Any thread;
     * handlers run on one shard's loop and must not block.
     *
     * {@snippet :
     * pool.listen("prices", n -> {
     *     if (n.gap()) cache.reloadAll(); else cache.refresh(n.payload());
     * }).await();
     * }
     */
    public Future<Cancellable> listen(String channel, Consumer<PgNotification> handler) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(handler, "handler");
        if (closed) {
            return Future.failed(new PgConnectionException("the pool is closed"));
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

    /** {@link #ping(Duration)} with 5 seconds. */
    public Future<Boolean> ping() {
        return ping(Duration.ofSeconds(5));
    }

    /**
     * A readiness probe: one empty query (the cheapest round trip) on a connection of the caller's
     * shard, true when it answered within {@code timeout}, false on any failure or timeout — never a
     * failed future. Any thread; for the web layer's readiness check.
     */
    public Future<Boolean> ping(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return roundTrip(timeout).map(failure -> {
            if (failure != null) {
                log.debug("ping failed: {}", failure.getMessage());
            }
            return failure == null;
        });
    }

    /**
     * Whether the database answers, for readiness endpoints: cached and bounded, so that any number
     * of callers costs the database at most one empty query per {@link Builder#healthProbe interval}
     * (2 s by default). Answers the latest probe's outcome when one started less than an interval ago,
     * else joins the probe in flight or starts one, which gives up after the probe timeout (1 s by
     * default). Never a failed future. After an outage begins, it turns false within about an interval
     * plus a probe timeout; after the database is back, true as soon as a probe gets through. Any
     * thread.
     */
    public Future<Boolean> checkHealth() {
        if (closed) {
            return Future.ready(false);
        }
        return healthProbe.check();
    }

    /** The latest outcome of {@link #checkHealth()}'s probes. Any thread. */
    public PoolHealth health() {
        return healthProbe.health();
    }

    /** One empty query within {@code timeout}: null when answered, else the failure. Never a failed future. */
    private Future<Throwable> roundTrip(Duration timeout) {
        if (closed) {
            return Future.ready(new PgConnectionException("the pool is closed"));
        }
        long deadline = System.nanoTime() + Math.max(1, timeout.toNanos());
        ShardPool sp = pick();
        Future<QueryResult> answer = sp.shard().submitAsync(() -> sp.acquireShared(timeout).flatMap(pc -> runShared(sp, pc,
                c -> c.connection().script("", deadline).map(results -> {
                    results.forEach(QueryResult::close);
                    return (QueryResult) null;
                }))));
        return answer.map(r -> (Throwable) null).recover(e -> e);
    }

    /**
     * Current figures, summed over shards with a per-shard breakdown; acquire times are the worst
     * shard's. Any thread: off the event loops each shard is read on its loop (exact); on a loop,
     * the figures are read as they stand.
     */
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
        int inUse = 0;
        int idle = 0;
        int waiting = 0;
        int total = 0;
        long created = 0;
        long closedCount = 0;
        Duration p50 = Duration.ZERO;
        Duration p99 = Duration.ZERO;
        Duration max = Duration.ZERO;
        for (PoolStats s : per) {
            inUse += s.inUse();
            idle += s.idle();
            waiting += s.waiting();
            total += s.total();
            created += s.created();
            closedCount += s.closed();
            p50 = maxOf(p50, s.acquireP50());
            p99 = maxOf(p99, s.acquireP99());
            max = maxOf(max, s.acquireMax());
        }
        return new PoolStats(inUse, idle, waiting, total, created, closedCount, p50, p99, max, List.copyOf(per));
    }

    private static Duration maxOf(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** {@link #close(Duration)} with a grace period of 10 seconds. */
    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    /**
     * Graceful shutdown: stops handing out connections (waiting callers fail), closes the idle
     * ones and the LISTEN connection, waits up to {@code grace} for the handles in use to be given
     * back (each is closed when it is), then terminates the connections still out and, if the pool
     * created its reactor, shuts it down. Idempotent. Blocking: not on an event loop (there it only
     * starts the shutdown).
     */
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
        List<Future<Object>> done = new ArrayList<>();
        for (ShardPool sp : shards) {
            done.add(sp.shard().submit(() -> {
                sp.close();
                return null;
            }));
        }
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
        List<Future<Object>> terminated = new ArrayList<>();
        for (ShardPool sp : shards) {
            terminated.add(sp.shard().submit(() -> {
                sp.terminateLent();
                return null;
            }));
        }
        Future.whenAll(terminated).await(Duration.ofSeconds(10));
        if (ownsReactor) {
            // Give Terminate messages a moment to leave before the loops stop.
            reactor.shutdown(Duration.ofMillis(50), Duration.ofSeconds(5)).await();
        }
    }

    /** Configures a {@link PgPool}. */
    public static final class Builder {
        private final String dsn;
        private int minSize = 0;
        private int maxSize = 10;
        private Duration idleTimeout = Duration.ofMinutes(10);
        private Duration healthCheckInterval = Duration.ofSeconds(30);
        /** The statements' default deadline when neither the builder nor the DSN gives one. */
        public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);
        /** The acquire timeout when neither the builder nor the DSN gives one. */
        public static final Duration DEFAULT_ACQUIRE_TIMEOUT = Duration.ofSeconds(30);

        private Duration acquireTimeout;
        private Duration defaultDeadline;
        private boolean defaultDeadlineSet;
        private Duration healthProbeInterval = Duration.ofSeconds(2);
        private Duration healthProbeTimeout = Duration.ofSeconds(1);
        private Integer statementCacheSize;
        private Reactor reactor;
        private int threads = Runtime.getRuntime().availableProcessors();
        private Duration maxLifetime = Duration.ofMinutes(30);
        private int pipeliningDepth = 16;
        private Backoff reconnect = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2));
        private Consumer<PgLeak> leakReporter;
        private Object meterRegistry;
        private String metricsName = "default";
        private final Map<String, UserCodec> codecs = new HashMap<>();

        private Builder(String dsn) {
            this.dsn = Objects.requireNonNull(dsn, "dsn");
        }

        /** Connections each shard opens at start and keeps; default 0. */
        public Builder minSize(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("minSize must be >= 0, got " + n);
            }
            this.minSize = n;
            return this;
        }

        /** Most connections per shard, 1 to 65535; default 10. */
        public Builder maxSize(int n) {
            if (n < 1 || n > 65_535) {
                throw new IllegalArgumentException("maxSize must be between 1 and 65535, got " + n);
            }
            this.maxSize = n;
            return this;
        }

        /** How long a connection may sit idle before it is closed (never below minSize); default 10 min. */
        public Builder idleTimeout(Duration d) {
            this.idleTimeout = positive(d, "idleTimeout");
            return this;
        }

        /**
         * A connection unused this long gets a health check (an empty query) before it is reused,
         * and is replaced if that fails; the LISTEN connection is checked at this interval; default 30 s.
         */
        public Builder healthCheckInterval(Duration d) {
            this.healthCheckInterval = positive(d, "healthCheckInterval");
            return this;
        }

        /**
         * Connections are retired once this old (up to 10% earlier, at random, so they do not all go
         * at once): when idle, or when given back; default 30 min. {@code null} keeps them forever.
         */
        public Builder maxLifetime(Duration d) {
            this.maxLifetime = d == null ? null : positive(d, "maxLifetime");
            return this;
        }

        /**
         * How many {@link PgPool#execAsync} statements may be pipelined on one connection; default
         * 16. 1 turns pipelining across callers off.
         */
        public Builder pipeliningDepth(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("pipeliningDepth must be >= 1, got " + n);
            }
            this.pipeliningDepth = n;
            return this;
        }

        /**
         * Pauses between connection attempts while the server is unreachable: the n-th waits a
         * random time between half and all of {@code min(first * 2^n, max)}, one attempt per shard
         * at a time; default 50 ms to 2 s.
         */
        public Builder reconnectBackoff(Duration first, Duration max) {
            this.reconnect = new Backoff(positive(first, "first"), positive(max, "max"));
            return this;
        }

        /**
         * Leak detection (off by default, and then free): each handle records where it was
         * acquired; one that becomes unreachable without {@link Pg#close()} is logged as a warning
         * with that stack and its connection given back; the pool-exhausted message names where
         * the oldest handles still out were acquired. Costs a stack capture per {@link #get()}.
         */
        public Builder leakDetection(boolean on) {
            this.leakReporter = on ? leak -> log.warn("{}", leak, leak.acquiredAt()) : null;
            return this;
        }

        /** Leak detection with leaks handed to {@code reporter} (on the JVM's cleaner thread) instead of logged. */
        public Builder leakDetection(Consumer<PgLeak> reporter) {
            this.leakReporter = Objects.requireNonNull(reporter, "reporter");
            return this;
        }

        /**
         * Publishes the pool's figures to a Micrometer {@code MeterRegistry} (typed Object so that
         * Micrometer stays an optional dependency), tagged {@code pool=name} and by shard: gauges
         * {@code fasterapi.pg.pool.connections} (state in-use/idle/total) and
         * {@code fasterapi.pg.pool.waiting}, counters {@code fasterapi.pg.pool.created} and
         * {@code .closed}, the function timer {@code fasterapi.pg.pool.acquire} and gauges of its
         * p50, p99 and max.
         */
        public Builder metrics(Object meterRegistry, String name) {
            this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
            this.metricsName = Objects.requireNonNull(name, "name");
            return this;
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            return d;
        }

        /**
         * How long {@link #get()} waits for a free connection; default the DSN's
         * {@code acquire_timeout}, else 30 s. Zero: a day (effectively none).
         */
        public Builder acquireTimeout(Duration d) {
            Objects.requireNonNull(d);
            if (d.isNegative()) {
                throw new IllegalArgumentException("acquireTimeout must not be negative, got " + d);
            }
            this.acquireTimeout = d;
            return this;
        }

        /**
         * The deadline of every statement unless a {@link Pg#withDeadline} view says otherwise
         * (for COPY and {@link Pg#copyOut(String)}: of each wait on the server, so a transfer that
         * keeps moving is never cut, see {@link Pg#copyIn}); default the DSN's {@code command_timeout},
         * else 30 s ({@link #DEFAULT_DEADLINE}). {@code null} or zero: none (a statement may then
         * wait for ever on a silent network).
         */
        public Builder defaultDeadline(Duration d) {
            if (d != null && d.isNegative()) {
                throw new IllegalArgumentException("defaultDeadline must not be negative, got " + d);
            }
            this.defaultDeadline = d;
            this.defaultDeadlineSet = true;
            return this;
        }

        /**
         * {@link PgPool#checkHealth()}'s probes: at most one per {@code interval} (default 2 s), each
         * giving up after {@code timeout} (default 1 s, Kubernetes' default probe timeout).
         */
        public Builder healthProbe(Duration interval, Duration timeout) {
            this.healthProbeInterval = positive(interval, "interval");
            this.healthProbeTimeout = positive(timeout, "timeout");
            return this;
        }

        /** Prepared statements cached per connection (0 = off, for PgBouncer); default from the DSN, else 256. */
        public Builder statementCacheSize(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("statementCacheSize must be >= 0, got " + n);
            }
            this.statementCacheSize = n;
            return this;
        }

        /**
         * Reads and writes the type named {@code typeName} with {@code codec}, on every connection
         * (see {@link PgCodec}): PostGIS's {@code geometry}, an enum with labels that are not Java
         * names, any type whose OID differs per database. The name is pg_type.typname as stored,
         * without a schema (lower case unless the type was created with a quoted name); every type
         * of that name in the database uses the codec, ahead of what the driver would do for its
         * kind (a String for an enum, a {@link PgRecord} for a composite); a later call for the
         * same name replaces the codec. Built-in types (OIDs below 10000, such as {@code point} or
         * {@code numeric}) keep their built-in codecs: a codec named after one is never used.
         * {@snippet :
         * PgPool pool = PgPool.builder(dsn)
         *         .codec("geometry", new WkbCodec())      // a PgCodec.Binary<Wkb>, see PgCodec.Binary
         *         .build();
         * Wkb shape = pg.exec("SELECT geom FROM parcels WHERE id = $1", 7).scalar(Wkb.class);
         * pg.exec("INSERT INTO parcels (id, geom) VALUES ($1, $2)", 8, shape);
         * }
         */
        public Builder codec(String typeName, PgCodec<?> codec) {
            Objects.requireNonNull(typeName, "typeName");
            Objects.requireNonNull(codec, "codec");
            if (typeName.isBlank()) {
                throw new IllegalArgumentException("typeName must not be blank");
            }
            Objects.requireNonNull(codec.javaType(), "the codec's javaType()");
            codecs.put(typeName, new UserCodec(typeName, codec));
            return this;
        }

        /** Shares an existing reactor (the web server's); the pool then does not shut it down. */
        public Builder reactor(Reactor r) {
            this.reactor = Objects.requireNonNull(r);
            return this;
        }

        /** Loops of the reactor the pool creates when none is given; default: available processors. */
        public Builder threads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + n);
            }
            this.threads = n;
            return this;
        }

        /**
         * Validates the settings and the DSN, builds the TLS context (reading {@code sslrootcert}
         * here, on the calling thread, so no event loop blocks on it at its first connect) and
         * starts the pool.
         *
         * @throws PgConnectionException when the TLS context cannot be built (say, an unreadable sslrootcert)
         */
        public PgPool build() {
            if (minSize > maxSize) {
                throw new IllegalArgumentException("minSize " + minSize + " exceeds maxSize " + maxSize);
            }
            Objects.requireNonNull(idleTimeout);
            Objects.requireNonNull(healthCheckInterval);
            return new PgPool(this);
        }
    }
}
