package io.fasterapi.pg;

import io.fasterapi.core.Cancellable;
import io.fasterapi.core.Deadline;
import io.fasterapi.core.Future;
import io.fasterapi.core.LongLived;
import io.fasterapi.core.Reactor;
import io.fasterapi.core.Shard;
import io.fasterapi.pg.internal.codec.UserCodec;
import io.fasterapi.pg.internal.pool.Backoff;
import io.fasterapi.pg.internal.pool.BoundedLifoPolicy;
import io.fasterapi.pg.internal.pool.PoolSettings;
import io.fasterapi.pg.internal.pool.PoolSetup;
import io.fasterapi.pg.internal.pool.ShardedPool;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
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
 * <p>Which shard: the caller's ({@link Shard#affine()}: its request's, or the loop it runs on), else
 * the next one round-robin.
 *
 * <p>Connection strings are libpq's ({@code postgres://} URLs or {@code key=value}, PG* environment
 * variables) plus the pool's own keys; a bad one fails {@link Builder#build()} naming the key, never
 * the password. Every key: {@code docs/connection-strings.md}.
 *
 * <p>Async statements pipeline: {@link #execAsync} and {@link #runAsync} calls (and a
 * {@link #shared()} handle's) from many requests on one shard share a connection, up to
 * {@link Builder#pipeliningDepth} at once. Handles from {@link #get()} hold a connection alone.
 *
 * <p>Upkeep, per shard on its loop: idle connections above {@code minSize} close after
 * {@link Builder#idleTimeout}, connections retire at {@link Builder#maxLifetime}, unused ones are
 * checked before reuse ({@link Builder#healthCheckInterval}), and an unreachable server is retried
 * with jittered backoff ({@link Builder#reconnectBackoff}). {@link #ping()} probes;
 * {@link #checkHealth()} is the cached, rate-limited check for readiness endpoints.
 *
 * <p>Deadlines always fire: every statement has the pool's default deadline and every acquire its
 * timeout (30 s each unless the builder or the DSN say otherwise), so a network that silently stops
 * delivering fails calls with {@link PgTimeoutException} or {@link PgConnectionException} instead of
 * hanging them; for COPY and streams the deadline bounds each wait, not the whole transfer. A caller
 * with a deadline of its own (a web request's) passes it to {@link #get(Deadline)},
 * {@link #shared(Deadline)} or {@link Pg#withDeadline(Deadline)}. The details, and what happens to
 * a connection still owing an answer: {@code docs/reliability.md}.
 *
 * <p>A connection given back is reset when its session needs it ({@link Pg#close()} says to what).
 * Leak detection ({@link Builder#leakDetection(boolean)}), Micrometer metrics
 * ({@link Builder#metrics}) and OpenTelemetry tracing ({@link Builder#tracing}) are off unless asked for.
 *
 * <p>Threads: acquire and release on the shard's own loop take no lock and no atomic; a virtual
 * thread claims and gives back an idle connection with one compare-and-set each, without waking the
 * loop, unless callers are queued or the connection needs the loop.
 *
 * @implNote {@link Builder#build()} returns the driver's own implementation, hidden in
 *     {@code io.fasterapi.pg.internal.pool} as the JDK's {@code HttpClient} hides its own: this type
 *     is the API and its documentation. The file is over 500 lines on purpose: documented abstract
 *     methods and the Builder's documented setters (each a check and an assignment), the driver's
 *     front door read in one place; the logic is in {@code ShardedPool}.
 */
public abstract class PgPool implements LongLived {
    /** Where leak reports go unless the builder is given a reporter. */
    private static final Logger log = LoggerFactory.getLogger(PgPool.class);

    /** For the driver's own implementation: applications get a pool from {@link #builder} or {@link #create}. */
    protected PgPool() {
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
    public abstract Reactor reactor();

    /**
     * A connection of the caller's shard, waiting up to the acquire timeout. Blocking: from a
     * virtual thread; throws IllegalStateException on an event loop.
     *
     * @throws PgConnectionException when none is free by the timeout, or connecting failed
     */
    public abstract Pg get();

    /**
     * A connection of the caller's shard whose calls must all end by {@code deadline} (see
     * {@link Pg#withDeadline(Deadline)}), waiting for it no longer than the acquire timeout nor past
     * the deadline. For callers with a deadline of their own, such as a web request. Blocking.
     *
     * @throws PgConnectionException when none is free in time, or connecting failed
     * @throws PgTimeoutException when the deadline has already passed
     */
    public abstract Pg get(Deadline deadline);

    /** The default deadline of each statement (each wait, for COPY); null when there is none. */
    public abstract Duration defaultDeadline();

    /** How long {@link #get()} waits for a connection. */
    public abstract Duration acquireTimeout();

    /** A connection of shard {@code core}, waiting up to {@code timeout}. Blocking. */
    public abstract Pg get(int core, Duration timeout);

    /**
     * A connection of the caller's shard, when one is free. Any thread; completes on that shard.
     * On the shard's own loop with a connection idle, it is ready at once: no hop, lock or atomic.
     */
    public abstract Future<Pg> getAsync();

    /**
     * A connection of the caller's shard whose calls must all end by {@code deadline} (see
     * {@link Pg#withDeadline(Deadline)}), waiting for it no longer than the acquire timeout nor past
     * the deadline: {@link #get(Deadline)} for callers on the event loop, such as a web request whose
     * handler returns a future. Fails with {@link PgTimeoutException} when the deadline has already
     * passed, {@link PgConnectionException} when none is free in time.
     */
    public abstract Future<Pg> getAsync(Deadline deadline);

    /**
     * Runs one statement on a connection of the caller's shard. Any thread. Several such calls may
     * share a connection, pipelined, up to {@link Builder#pipeliningDepth}: use it for single
     * autocommit statements; anything that spans statements (a transaction, SET) needs
     * {@link #withConnection} or {@link #get()}.
     */
    public abstract Future<QueryResult> execAsync(String sql, Object... args);

    /** As {@link #execAsync} for a {@link PreparedQuery}, prepared on each connection the first time. Any thread. */
    public abstract Future<QueryResult> runAsync(PreparedQuery query, Object... args);

    /**
     * A handle that takes no connection until it needs a session, for a unit of work such as a web
     * request ({@code PgDepends.from} injects one): its single statements that keep nothing in the
     * session run as {@link #execAsync} runs them, pipelined with other callers' statements on the
     * shard's shared connections; the first call that needs a session (a transaction, {@code SET},
     * a temporary table, an advisory lock, {@code currval}, LISTEN, COPY, a stream, a cursor) takes a
     * connection of the handle's own for the rest of its life. Blocking calls from a virtual thread,
     * async ones from any thread. Closing it gives back the connection, if it took one.
     *
     * @apiNote Which statements share: {@code docs/reliability.md}, "Shared handles"; take
     *     {@link #get()} where every statement must run in one session.
     */
    public abstract Pg shared();

    /** As {@link #shared()}, each call ending by {@code deadline} (as {@link Pg#withDeadline(Deadline)}). */
    public abstract Pg shared(Deadline deadline);

    /**
     * Acquires a connection, runs {@code body} with it, releases it when the body's future completes
     * (whatever the outcome). Any thread.
     *
     * <p>A body whose future never completes holds the connection for good, and the returned future
     * never completes either: give its statements a deadline ({@link Builder#defaultDeadline},
     * {@link Pg#withDeadline}). With leak detection on, such a connection is reported and reclaimed
     * once nothing references the body's future any more; while something still does (your code, a
     * pending statement), the pool-exhausted message names where the oldest handles were acquired.
     */
    public abstract <T> Future<T> withConnection(Function<Pg, Future<T>> body);

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
    public abstract Future<Cancellable> listen(String channel, Consumer<PgNotification> handler);

    /** {@link #ping(Duration)} with 5 seconds. */
    public Future<Boolean> ping() {
        return ping(Duration.ofSeconds(5));
    }

    /**
     * A readiness probe: one empty query (the cheapest round trip) on a connection of the caller's
     * shard, true when it answered within {@code timeout}, false on any failure or timeout — never a
     * failed future. Any thread; for the web layer's readiness check.
     */
    public abstract Future<Boolean> ping(Duration timeout);

    /**
     * Whether the database answers, for readiness endpoints: cached and bounded, so that any number
     * of callers costs the database at most one empty query per {@link Builder#healthProbe interval}
     * (2 s by default): the latest probe's outcome when one started less than an interval ago, else
     * that of the probe in flight or of a new one (giving up after 1 s by default). Never a failed
     * future. Turns false within about an interval plus a probe timeout of an outage. Any thread.
     */
    public abstract Future<Boolean> checkHealth();

    /** The latest outcome of {@link #checkHealth()}'s probes. Any thread. */
    public abstract PoolHealth health();

    /**
     * Current figures, summed over shards with a per-shard breakdown; acquire times are the worst
     * shard's. Any thread: off the event loops each shard is read on its loop (exact); on a loop,
     * the figures are read as they stand.
     */
    public abstract PoolStats stats();

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
    public abstract void close(Duration grace);

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
        private Object openTelemetry;
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
         * Pauses while the server is unreachable (one attempt per shard at a time; of several hosts, one
         * that failed is tried last meanwhile, see {@link HostStats}): the n-th waits a random time
         * between half and all of {@code min(first * 2^n, max)}; default 50 ms to 2 s.
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
         * p50, p99 and max; per host ({@code host=host:port}) {@code fasterapi.pg.pool.host.*}.
         */
        public Builder metrics(Object meterRegistry, String name) {
            this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
            this.metricsName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Traces the pool's work through the OpenTelemetry API into the application's own SDK and
         * exporter: a CLIENT span per statement (named {@code "{operation} {database}"}, such as
         * {@code SELECT shop}), batch, script and COPY, an INTERNAL span per transaction attempt
         * (its statements, BEGIN and COMMIT included, are its children) and per wait for a
         * connection the pool could not hand over at once, each a child of the caller's current
         * context: a web request's span when the server traces too. After the stable database
         * conventions ({@code db.system.name=postgresql}, {@code db.namespace}, {@code db.query.text}
         * with the {@code $n} placeholders, {@code db.response.status_code} = SQLSTATE on error).
         * A span never holds a parameter's value or an error's message. Off by default, and then
         * free: no OpenTelemetry class is loaded and {@code opentelemetry-api} (an optional
         * dependency) may be absent. Every attribute: {@code docs/observability.md}, "Tracing".
         */
        public Builder tracing(OpenTelemetry openTelemetry) {
            this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
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

        /** Prepared statements per connection (0 = off); default the DSN's, else 256 (0 with pooler=transaction). */
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
         * Validates the settings and the DSN, reads the TLS certificate files ({@code sslrootcert}, {@code sslcert})
         * here, so that a bad one fails the build, and starts the pool. Without such files the TLS context is
         * built when a server first accepts TLS, off the loops: under {@code sslmode=prefer} one that declines costs none.
         *
         * @throws PgConnectionException when the TLS context cannot be built (say, an unreadable sslrootcert)
         */
        public PgPool build() {
            if (minSize > maxSize) {
                throw new IllegalArgumentException("minSize " + minSize + " exceeds maxSize " + maxSize);
            }
            Objects.requireNonNull(idleTimeout);
            Objects.requireNonNull(healthCheckInterval);
            PoolSettings shards = new PoolSettings(new BoundedLifoPolicy(minSize, maxSize), idleTimeout, maxLifetime,
                    healthCheckInterval, pipeliningDepth, reconnect, leakReporter);
            return new ShardedPool(new PoolSetup(dsn, statementCacheSize, codecs, reactor, threads, acquireTimeout,
                    defaultDeadlineSet, defaultDeadline, healthProbeInterval, healthProbeTimeout, meterRegistry,
                    metricsName, openTelemetry, shards));
        }
    }
}
