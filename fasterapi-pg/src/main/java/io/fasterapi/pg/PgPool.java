package io.fasterapi.pg;

import io.fasterapi.core.Future;
import io.fasterapi.core.Reactor;
import io.fasterapi.core.Shard;
import io.fasterapi.pg.internal.config.ConnectionConfig;
import io.fasterapi.pg.internal.config.DsnParser;
import io.fasterapi.pg.internal.connection.Connector;
import io.fasterapi.pg.internal.pool.PgSession;
import io.fasterapi.pg.internal.pool.ShardPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

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
 * {@code sslmode}, {@code sslrootcert}, {@code sslnegotiation}, {@code application_name},
 * {@code connect_timeout}, several hosts and {@code target_session_attrs}, and the PG* environment
 * variables as fallbacks. Extra keys: {@code statement_cache_size} (0 turns the statement cache
 * off, for PgBouncer in transaction mode). libpq keys with no effect here (keepalives, sslsni...)
 * are accepted; client certificates and Unix sockets are refused.
 *
 * @implNote This is the first, simple pool (issue 3). Still missing (issue 4): pipelining several
 *     async callers over one connection, idle timeout and maximum lifetime (the settings are
 *     accepted but not enforced yet), health checks, reconnect backoff, leak detection, acquire
 *     time percentiles and Micrometer metrics, and a close() that waits for handles in use.
 */
public final class PgPool implements AutoCloseable {
    private final Reactor reactor;
    private final boolean ownsReactor;
    private final List<ShardPool> shards;
    private final Duration acquireTimeout;
    private final Duration defaultDeadline;
    private volatile boolean closed;

    private PgPool(Builder b) {
        ConnectionConfig config = DsnParser.parse(b.dsn);
        if (b.statementCacheSize != null) {
            config = config.withStatementCacheSize(b.statementCacheSize);
        }
        this.ownsReactor = b.reactor == null;
        this.reactor = b.reactor != null ? b.reactor : Reactor.builder().threads(b.threads).name("fasterapi-pg").build();
        this.acquireTimeout = b.acquireTimeout;
        this.defaultDeadline = b.defaultDeadline;
        Connector connector = new Connector(config);
        List<ShardPool> list = new ArrayList<>();
        for (Shard s : reactor.shards()) {
            ShardPool sp = new ShardPool(s, connector, b.minSize, b.maxSize);
            list.add(sp);
            if (b.minSize > 0) {
                s.execute(sp::warmUp);
            }
        }
        this.shards = List.copyOf(list);
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
        return getAsync(pick(), acquireTimeout).await();
    }

    /** A connection of shard {@code core}, waiting up to {@code timeout}. Blocking. */
    public Pg get(int core, Duration timeout) {
        Shard.checkMayBlock("PgPool.get()");
        return getAsync(shards.get(core), timeout).await();
    }

    /** A connection of the caller's shard, when one is free. Any thread; completes on that shard. */
    public Future<Pg> getAsync() {
        return getAsync(pick(), acquireTimeout);
    }

    private Future<Pg> getAsync(ShardPool sp, Duration timeout) {
        if (closed) {
            return Future.failed(new PgConnectionException("the pool is closed"));
        }
        return sp.shard().submitAsync(() -> sp.acquire(timeout)).map(c -> sessionOf(sp, c));
    }

    private Pg sessionOf(ShardPool sp, io.fasterapi.pg.internal.connection.PgConnection c) {
        return new PgSession(c, sp, defaultDeadline);
    }

    /** Acquires a connection, runs {@code sql}, releases the connection. Any thread. */
    public Future<QueryResult> execAsync(String sql, Object... args) {
        return withConnection(pg -> pg.execAsync(sql, args));
    }

    /** Acquires a connection, runs {@code body} with it, releases it when the body's future completes. */
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

    /** Current figures, summed over shards with a per-shard breakdown. Any thread. */
    public PoolStats stats() {
        int inUse = 0;
        int idle = 0;
        int waiting = 0;
        int total = 0;
        long created = 0;
        long closedCount = 0;
        List<PoolStats> per = new ArrayList<>();
        for (ShardPool sp : shards) {
            PoolStats s = sp.stats();
            per.add(s);
            inUse += s.inUse();
            idle += s.idle();
            waiting += s.waiting();
            total += s.total();
            created += s.created();
            closedCount += s.closed();
        }
        return new PoolStats(inUse, idle, waiting, total, created, closedCount, List.copyOf(per));
    }

    /** {@link #close(Duration)} with a grace period of 10 seconds. */
    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    /**
     * Graceful shutdown: stops handing out connections (waiting callers fail), closes the idle
     * ones, waits up to {@code grace} for the handles in use to be given back (each is closed when
     * it is), then terminates the connections still out and, if the pool created its reactor,
     * shuts it down. Idempotent. Blocking: not on an event loop (there it only starts the shutdown).
     */
    public void close(Duration grace) {
        if (closed) {
            return;
        }
        closed = true;
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
        private Duration acquireTimeout = Duration.ofSeconds(30);
        private Duration defaultDeadline;
        private Integer statementCacheSize;
        private Reactor reactor;
        private int threads = Runtime.getRuntime().availableProcessors();

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

        /** Most connections per shard; default 10. */
        public Builder maxSize(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxSize must be >= 1, got " + n);
            }
            this.maxSize = n;
            return this;
        }

        /** How long an idle connection is kept (accepted; enforced from issue 4 on). */
        public Builder idleTimeout(Duration d) {
            this.idleTimeout = Objects.requireNonNull(d);
            return this;
        }

        /** How often idle connections are checked (accepted; enforced from issue 4 on). */
        public Builder healthCheckInterval(Duration d) {
            this.healthCheckInterval = Objects.requireNonNull(d);
            return this;
        }

        /** How long {@link #get()} waits for a free connection; default 30 s. */
        public Builder acquireTimeout(Duration d) {
            this.acquireTimeout = Objects.requireNonNull(d);
            return this;
        }

        /** The deadline of every statement unless a {@link Pg#withDeadline} view says otherwise; default none. */
        public Builder defaultDeadline(Duration d) {
            this.defaultDeadline = d;
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

        /** Validates the settings and the DSN and starts the pool. */
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
