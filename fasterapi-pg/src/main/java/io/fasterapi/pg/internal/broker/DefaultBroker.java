package io.fasterapi.pg.internal.broker;

import io.fasterapi.core.Cancellable;
import io.fasterapi.core.Future;
import io.fasterapi.core.Shard;
import io.fasterapi.pg.BrokerMessage;
import io.fasterapi.pg.BrokerSubscription;
import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgBroker;
import io.fasterapi.pg.PgPool;
import io.fasterapi.pg.QueryResult;
import io.fasterapi.pg.Tx;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PgBroker}: publishes with one statement ({@link BrokerSql}), keeps one
 * {@link ChannelFeed} per channel with subscribers in this instance, and sweeps the stored
 * messages that retention no longer keeps.
 *
 * <p>Threads: any; the map of feeds under a {@link ReentrantLock} (taken before a feed's own lock,
 * never after it). Timers run on the pool's first shard.
 */
public final class DefaultBroker extends PgBroker {
    private static final Logger log = LoggerFactory.getLogger(DefaultBroker.class);

    final PgPool pool;
    final BrokerSettings settings;
    final BrokerSql sql;
    final Shard shard;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, ChannelFeed> feeds = new HashMap<>();
    private Cancellable sweeps;
    private boolean closed;

    private DefaultBroker(PgPool pool, BrokerSettings settings) {
        this.pool = pool;
        this.settings = settings;
        this.sql = new BrokerSql(settings.schema());
        this.shard = pool.reactor().shard(0);
    }

    /** Creates the tables if missing and starts the sweeps. Blocking. */
    public static PgBroker start(PgPool pool, BrokerSettings settings) {
        Shard.checkMayBlock("PgBroker.Builder.build()");
        DefaultBroker broker = new DefaultBroker(pool, settings);
        try (Pg pg = pool.get(); Tx tx = pg.begin()) {
            // Instances starting together would race on CREATE ... IF NOT EXISTS: take turns.
            tx.exec("SELECT pg_advisory_xact_lock(hashtext($1::text))", broker.sql.lockKey()).close();
            for (String statement : broker.sql.setup.split(";\n")) {
                tx.exec(statement).close();
            }
            tx.commit();
        }
        broker.scheduleSweep();
        return broker;
    }

    // ------------------------------------------------------------------ publish

    @Override
    public Future<Long> publishAsync(String channel, String payload) {
        check(channel, payload);
        String statement = settings.synchronousCommit() ? sql.publish : sql.publishAsyncCommit;
        return pool.execAsync(statement, channel, payload, sql.notifyChannel(channel)).map(DefaultBroker::seqOf);
    }

    @Override
    public long publish(Tx tx, String channel, String payload) {
        check(channel, payload);
        return seqOf(tx.exec(sql.publish, channel, payload, sql.notifyChannel(channel)));
    }

    private static long seqOf(QueryResult r) {
        try (r) {
            return r.one().getLong(0);
        }
    }

    private void check(String channel, String payload) {
        if (Objects.requireNonNull(channel, "channel").isEmpty()) {
            throw new IllegalArgumentException("channel must not be empty");
        }
        Objects.requireNonNull(payload, "payload");
        // Cheap bound first: a UTF-8 encoding takes at most 3 bytes a char.
        if ((long) payload.length() * 3 > settings.maxPayloadBytes()) {
            int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > settings.maxPayloadBytes()) {
                throw new IllegalArgumentException("payload of " + bytes + " bytes is over maxPayloadBytes ("
                        + settings.maxPayloadBytes() + ")");
            }
        }
    }

    // ------------------------------------------------------------------ subscribe

    @Override
    public Future<BrokerSubscription> subscribeAsync(String channel, long afterSeq, Consumer<BrokerMessage> handler) {
        Objects.requireNonNull(handler, "handler");
        Mailbox mailbox = new Mailbox(checkChannel(channel), settings.bufferSize(), settings.overflow(),
                new Mailbox.Sink() {
                    @Override
                    public void deliver(BrokerMessage message) {
                        handler.accept(message);
                    }

                    @Override
                    public void end() {
                    }
                }, true);
        return attach(mailbox, afterSeq).map(v -> mailbox);
    }

    @Override
    public Flow.Publisher<BrokerMessage> stream(String channel, long afterSeq) {
        checkChannel(channel);
        return subscriber -> {
            FlowSubscription s = new FlowSubscription(subscriber);
            Mailbox mailbox = new Mailbox(channel, settings.bufferSize(), settings.overflow(), s, false);
            s.mailbox = mailbox;
            subscriber.onSubscribe(s);
            attach(mailbox, afterSeq).onFailure(s::fail);
        };
    }

    private static String checkChannel(String channel) {
        if (Objects.requireNonNull(channel, "channel").isEmpty()) {
            throw new IllegalArgumentException("channel must not be empty");
        }
        return channel;
    }

    /** Joins the channel's feed, making it if this instance has none (or one that just closed). */
    private Future<Void> attach(Mailbox mailbox, long afterSeq) {
        ChannelFeed feed;
        boolean fresh = false;
        lock.lock();
        try {
            if (closed) {
                return Future.failed(new IllegalStateException("the broker is closed"));
            }
            feed = feeds.get(mailbox.channel());
            if (feed == null) {
                feed = new ChannelFeed(this, mailbox.channel());
                feeds.put(mailbox.channel(), feed);
                fresh = true;
            }
        } finally {
            lock.unlock();
        }
        ChannelFeed joined = feed;
        mailbox.onClose(() -> leave(joined, mailbox));
        if (fresh) {
            feed.start();
        }
        return feed.join(mailbox, afterSeq).flatMap(added -> added ? Future.ready(null) : attach(mailbox, afterSeq));
    }

    private void leave(ChannelFeed feed, Mailbox mailbox) {
        if (feed.remove(mailbox)) {
            dropIfIdle(feed);
        }
    }

    /** Closes a feed nobody subscribes to any more (UNLISTEN). */
    void dropIfIdle(ChannelFeed feed) {
        lock.lock();
        try {
            if (feeds.get(feed.channel) != feed || !feed.idle()) {
                return;
            }
            feeds.remove(feed.channel);
        } finally {
            lock.unlock();
        }
        feed.close();
    }

    /** Takes a feed that failed to start out of the map. */
    void forget(ChannelFeed feed) {
        lock.lock();
        try {
            feeds.remove(feed.channel, feed);
        } finally {
            lock.unlock();
        }
        feed.close();
    }

    @Override
    public int listeningChannels() {
        lock.lock();
        try {
            return (int) feeds.values().stream().filter(ChannelFeed::listening).count();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isListening(String channel) {
        lock.lock();
        try {
            ChannelFeed feed = feeds.get(channel);
            return feed != null && feed.listening();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ retention

    private void scheduleSweep() {
        lock.lock();
        try {
            if (!closed) {
                sweeps = shard.schedule(settings.sweepInterval(), this::sweep);
            }
        } finally {
            lock.unlock();
        }
    }

    private void sweep() {
        double seconds = settings.retention().toNanos() / 1e9;
        pool.execAsync(sql.sweep, seconds, settings.maxStoredPerChannel(), sql.lockKey()).onComplete((r, err) -> {
            if (err != null) {
                log.warn("broker: removing old messages failed: {}", err.getMessage());
            } else {
                r.close();
            }
            scheduleSweep();
        });
    }

    @Override
    public void close() {
        List<ChannelFeed> open;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (sweeps != null) {
                sweeps.cancel();
            }
            open = List.copyOf(feeds.values());
            feeds.clear();
        } finally {
            lock.unlock();
        }
        open.forEach(ChannelFeed::close);
    }
}
