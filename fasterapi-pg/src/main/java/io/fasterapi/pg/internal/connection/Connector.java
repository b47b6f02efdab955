package io.fasterapi.pg.internal.connection;

import io.fasterapi.core.Future;
import io.fasterapi.core.Promise;
import io.fasterapi.core.Shard;
import io.fasterapi.pg.PgConnectionException;
import io.fasterapi.pg.PgException;
import io.fasterapi.pg.internal.config.ConnectionConfig;
import io.fasterapi.pg.internal.config.HostPort;
import io.fasterapi.pg.internal.config.SslMode;
import io.fasterapi.pg.internal.config.TargetSessionAttrs;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * Opens logged-in connections for one configuration: tries the hosts in order, or in an order shuffled
 * per connection with {@code load_balance_hosts=random} (a second pass for {@code prefer-standby}),
 * reordered by what {@link HostHealth} knows (a host resting after a failure last), records each
 * attempt's outcome there, applies the connect timeout to each attempt (TCP, TLS and login), and
 * for {@code sslmode=allow} retries with TLS when the server refuses plaintext. Thread-safe;
 * connections are opened on the given shard's loop.
 *
 * <p>The TLS context is built when a login first needs it ({@link ClientTlsContext}): a server that
 * declines TLS under {@code sslmode=prefer} never costs one, and a connection attempt starts at once.
 */
public final class Connector {
    private final ConnectionConfig config;
    private final HostHealth health;
    private final ClientTlsContext tls;

    /**
     * A connector whose hosts, once failed, rest for {@code hostBackoff.apply(n)} after the n-th
     * consecutive failure (n from 0) before new connections try them first again ({@link HostHealth}).
     *
     * @throws io.fasterapi.pg.PgConnectionException when the TLS context cannot be built (a bad sslrootcert)
     */
    public Connector(ConnectionConfig config, IntFunction<Duration> hostBackoff) {
        this.config = config;
        this.health = new HostHealth(config.hosts(), hostBackoff);
        this.tls = ClientTlsContext.of(config);
    }

    public ConnectionConfig config() {
        return config;
    }

    /** What the attempts so far say of each host. */
    public HostHealth health() {
        return health;
    }

    /** Whether a login of this connector asked for the TLS context (or it was built with the user's files). */
    boolean tlsContextRequested() {
        return tls.requested();
    }

    /** Opens a connection on {@code shard}; the future is owned by that shard. Any thread. */
    public Future<PgConnection> connect(Shard shard) {
        List<Attempt> attempts = new ArrayList<>();
        TargetSessionAttrs attrs = config.targetSessionAttrs();
        List<HostPort> hosts = health.order(hostOrder(), attrs);
        if (attrs == TargetSessionAttrs.PREFER_STANDBY) {
            hosts.forEach(h -> attempts.add(new Attempt(h, TargetSessionAttrs.STANDBY)));
            hosts.forEach(h -> attempts.add(new Attempt(h, TargetSessionAttrs.ANY)));
        } else {
            hosts.forEach(h -> attempts.add(new Attempt(h, attrs)));
        }
        Promise<PgConnection> result = new Promise<>(shard);
        shard.execute(() -> next(shard, attempts, 0, new ArrayList<>(), result));
        return result;
    }

    /**
     * The hosts in the order this connection tries them: as listed, or shuffled anew for each connection
     * with {@code load_balance_hosts=random} (libpq 16), so a pool's connections spread over the hosts.
     */
    private List<HostPort> hostOrder() {
        if (!config.loadBalanceHosts() || config.hosts().size() < 2) {
            return config.hosts();
        }
        List<HostPort> shuffled = new ArrayList<>(config.hosts());
        Collections.shuffle(shuffled, ThreadLocalRandom.current());
        return shuffled;
    }

    private record Attempt(HostPort host, TargetSessionAttrs attrs) {
    }

    private void next(Shard shard, List<Attempt> attempts, int i, List<String> errors, Promise<PgConnection> result) {
        if (i == attempts.size()) {
            result.fail(new PgConnectionException("could not connect to " + (attempts.size() == 1 ? "" : "any of ")
                    + String.join("; ", errors)));
            return;
        }
        Attempt a = attempts.get(i);
        boolean firstTls = config.sslMode() != SslMode.DISABLE && config.sslMode() != SslMode.ALLOW;
        attempt(shard, a, firstTls).onComplete((conn, err) -> {
            if (err == null) {
                result.complete(conn);
            } else if (config.sslMode() == SslMode.ALLOW && err instanceof PgException pe && "28000".equals(pe.code())) {
                attempt(shard, a, true).onComplete((c2, e2) -> {
                    if (e2 == null) {
                        result.complete(c2);
                    } else {
                        failOrNext(shard, attempts, i, errors, result, a, e2);
                    }
                });
            } else {
                failOrNext(shard, attempts, i, errors, result, a, err);
            }
        });
    }

    private void failOrNext(Shard shard, List<Attempt> attempts, int i, List<String> errors,
            Promise<PgConnection> result, Attempt a, Throwable err) {
        if (!(err instanceof TargetMismatchException)) {
            health.failed(a.host(), err);
        }
        // A wrong password or a missing database is not fixed by the next host: report it as is.
        if (attempts.size() == 1 && err instanceof PgException pe) {
            result.fail(pe);
            return;
        }
        errors.add(a.host() + ": " + err.getMessage());
        next(shard, attempts, i + 1, errors, result);
    }

    private Future<PgConnection> attempt(Shard shard, Attempt a, boolean useTls) {
        Promise<PgConnection> p = new Promise<>(shard);
        Login login = new Login(config, a.host(), tls, useTls, a.attrs(), health, p);
        PgConnection conn = new PgConnection(config, a.host(), shard, login);
        Bootstrap b = new Bootstrap()
                .group(shard.eventLoop())
                .channelFactory(shard.reactor().socketChannelFactory())
                .option(ChannelOption.TCP_NODELAY, true)
                // Room for a few 64 KiB COPY chunks in flight before a COPY writer parks.
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 512 * 1024))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("pg-decoder", conn.decoder()).addLast("pg", conn);
                    }
                });
        KeepaliveOptions.apply(b, config.keepalives(), shard.reactor().socketChannelClass());
        ChannelFuture cf = b.connect(a.host().host(), a.host().port());
        cf.addListener(f -> {
            if (!f.isSuccess()) {
                p.fail(new PgConnectionException("cannot connect to " + a.host() + ": " + f.cause().getMessage(), f.cause()));
            }
        });
        shard.schedule(config.connectTimeout(), () -> {
            if (!p.isDone()) {
                p.fail(new PgConnectionException("timed out after " + config.connectTimeout().toSeconds()
                        + " s connecting to " + a.host()));
                cf.channel().close();
            }
        });
        return p;
    }
}
