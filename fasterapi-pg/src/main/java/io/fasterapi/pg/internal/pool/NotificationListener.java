package io.fasterapi.pg.internal.pool;

import io.fasterapi.core.Cancellable;
import io.fasterapi.core.Future;
import io.fasterapi.core.Promise;
import io.fasterapi.core.Shard;
import io.fasterapi.pg.PgConnectionException;
import io.fasterapi.pg.PgNotification;
import io.fasterapi.pg.QueryResult;
import io.fasterapi.pg.internal.connection.Connector;
import io.fasterapi.pg.internal.connection.PgConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's dedicated LISTEN connection: one session, outside the shards' pools, that LISTENs on
 * every channel with a handler. When it breaks (server restart, terminated backend, failed health
 * check) it reconnects with jittered backoff, LISTENs again, and then hands every handler of a
 * channel that was being listened to a gap marker ({@link PgNotification#gap()}): NOTIFYs sent while
 * it was down are lost, and a handler is never left to believe otherwise.
 *
 * <p>Thread ownership: all state is confined to the shard's event loop; {@link #listen} and
 * {@link #close} may be called from any thread. Handlers run on that loop and must not block.
 */
final class NotificationListener {
    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);

    private final Shard shard;
    private final Connector connector;
    private final Backoff backoff;
    private final Duration healthCheckInterval;
    private final Map<String, List<Consumer<PgNotification>>> handlers = new LinkedHashMap<>();
    /** Channels LISTENed on the current connection (or, once it broke, on the one before). */
    private final Set<String> live = new HashSet<>();
    private final List<Runnable> whenConnected = new ArrayList<>();
    private PgConnection connection;
    private boolean connecting;
    private int failures;
    private boolean closed;
    private Cancellable healthCheck;

    public NotificationListener(Shard shard, Connector connector, Backoff backoff, Duration healthCheckInterval) {
        this.shard = shard;
        this.connector = connector;
        this.backoff = backoff;
        this.healthCheckInterval = healthCheckInterval;
    }

    /**
     * Adds {@code handler} to {@code channel}; the future completes once the server has confirmed
     * the LISTEN (after a reconnect if the server is away), with the way to remove the handler. Any thread.
     */
    public Future<Cancellable> listen(String channel, Consumer<PgNotification> handler) {
        return shard.submitAsync(() -> {
            if (closed) {
                return Future.<Cancellable>failed(new PgConnectionException("the pool is closed"));
            }
            handlers.computeIfAbsent(channel, k -> new ArrayList<>()).add(handler);
            Cancellable remove = () -> {
                shard.execute(() -> remove(channel, handler));
                return true;
            };
            if (connection != null && connection.isUsable()) {
                return listenOn(connection, channel).map(v -> remove);
            }
            Promise<Cancellable> p = new Promise<>(shard);
            whenConnected.add(() -> p.complete(remove));
            connect();
            return p;
        });
    }

    private Future<Void> listenOn(PgConnection c, String channel) {
        if (live.contains(channel)) {
            return Future.ready(null);
        }
        live.add(channel);
        return c.listen(channel, this::deliver).onFailure(e -> live.remove(channel));
    }

    private void deliver(PgNotification n) {
        List<Consumer<PgNotification>> list = handlers.get(n.channel());
        if (list == null) {
            return;
        }
        for (Consumer<PgNotification> h : List.copyOf(list)) {
            try {
                h.accept(n);
            } catch (RuntimeException e) {
                log.warn("notification handler for {} failed", n.channel(), e);
            }
        }
    }

    private void remove(String channel, Consumer<PgNotification> handler) {
        List<Consumer<PgNotification>> list = handlers.get(channel);
        if (list == null || !list.remove(handler) || !list.isEmpty()) {
            return;
        }
        handlers.remove(channel);
        if (live.remove(channel) && connection != null && connection.isUsable()) {
            connection.unlisten(channel);
        }
    }

    private void connect() {
        if (connecting || closed || (connection != null && connection.isUsable())) {
            return;
        }
        connecting = true;
        connector.connect(shard).onComplete((c, err) -> {
            connecting = false;
            if (err != null) {
                log.warn("LISTEN connection: attempt {} failed: {}", failures + 1, err.getMessage());
                shard.schedule(backoff.delay(failures++), this::connect);
                return;
            }
            if (closed) {
                c.close();
                return;
            }
            failures = 0;
            connection = c;
            c.onBroken(() -> onBroken(c));
            relisten(c);
        });
    }

    /** LISTENs every channel again; then tells the handlers of the channels that were live about the gap. */
    private void relisten(PgConnection c) {
        Set<String> wereLive = new HashSet<>(live);
        live.clear();
        List<Future<Void>> done = new ArrayList<>();
        for (String channel : handlers.keySet()) {
            done.add(listenOn(c, channel));
        }
        Future.whenAll(done).onComplete((ok, err) -> {
            if (err != null) {
                // The connection broke meanwhile: onBroken reconnects, and the gap is still owed.
                live.addAll(wereLive);
                return;
            }
            for (String channel : wereLive) {
                if (live.contains(channel)) {
                    deliver(new PgNotification(0, channel, "", true));
                }
            }
            List<Runnable> ready = List.copyOf(whenConnected);
            whenConnected.clear();
            ready.forEach(Runnable::run);
            scheduleHealthCheck(c);
        });
    }

    private void onBroken(PgConnection c) {
        if (c != connection || closed) {
            return;
        }
        log.warn("LISTEN connection lost ({}); reconnecting", c.brokenCause().getMessage());
        if (healthCheck != null) {
            healthCheck.cancel();
        }
        // A jittered first pause: every application instance loses its LISTEN connection at once.
        shard.schedule(backoff.delay(0), this::connect);
    }

    /** An idle LISTEN connection would not notice a dead peer by itself: ask it a question now and then. */
    private void scheduleHealthCheck(PgConnection c) {
        healthCheck = shard.schedule(healthCheckInterval, () -> {
            if (closed || c != connection || !c.isUsable()) {
                return;
            }
            long deadline = System.nanoTime() + Math.max(healthCheckInterval.toNanos(), Duration.ofSeconds(5).toNanos());
            c.script("", deadline).onComplete((r, e) -> {
                if (r != null) {
                    r.forEach(QueryResult::close);
                }
                if (e != null) {
                    c.close();
                } else {
                    scheduleHealthCheck(c);
                }
            });
        });
    }

    /** Closes the connection; handlers get nothing more. Any thread. */
    public void close() {
        shard.execute(() -> {
            closed = true;
            if (healthCheck != null) {
                healthCheck.cancel();
            }
            if (connection != null) {
                connection.close();
            }
        });
    }
}
