package io.fasterapi.pg;

import io.fasterapi.core.Future;
import io.fasterapi.core.LongLived;
import io.fasterapi.pg.internal.broker.BrokerSettings;
import io.fasterapi.pg.internal.broker.DefaultBroker;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Channels of messages shared by every application instance that uses the same database, built on
 * PostgreSQL's LISTEN/NOTIFY: what one instance publishes, the subscribers of that channel on every
 * instance receive (the role the {@code broadcaster} library plays for FastAPI and Starlette, with
 * ordering, catch-up and bounded buffers added).
 *
 * {@snippet :
 * PgBroker broker = PgBroker.builder(pool).schema("events").build();   // creates its two tables
 * try (BrokerSubscription sub = broker.subscribe("room:42", m -> {
 *     if (m.gap()) reloadRoom(); else show(m.payload());
 * })) {
 *     broker.publish("room:42", "{\"text\":\"hello\"}");             // every instance's subscribers get it
 * }
 * }
 *
 * <p>What a subscriber can rely on (details and limits: {@code docs/events.md}):
 * <ul>
 * <li><b>Order</b>: each message gets the next sequence number of its channel
 *     ({@link BrokerMessage#seq()}) in the transaction that publishes it, and a channel's
 *     publishers take turns on its counter row, so numbers follow commit order; every subscriber
 *     on every instance receives a channel's messages in that order, each once. A publisher that
 *     waits for each {@code publish} sees its messages delivered in its own order.</li>
 * <li><b>Size</b>: a payload of any size up to {@link Builder#maxPayloadBytes} (1 MiB by default).
 *     Every message is stored in the broker's table; one that would not fit a NOTIFY (8000 bytes)
 *     is only referenced by it, and subscribers read it from the table.</li>
 * <li><b>Gaps</b>: when the LISTEN connection was lost and re-established, the broker reads what
 *     was published meanwhile from its table and delivers it in order; only messages already
 *     removed by retention ({@link Builder#retention}) become a gap marker
 *     ({@link BrokerMessage#gap()}). A subscriber that cannot keep up gets a gap marker in place
 *     of what it lost (or is ended, {@link Overflow}).</li>
 * <li><b>Memory</b>: each subscriber has a buffer of {@link Builder#bufferSize} messages; the
 *     broker never waits for a slow subscriber.</li>
 * <li><b>Durability</b>: at most once. A message is delivered to the subscribers listening when
 *     it commits; one published while an instance has no subscriber for the channel is not
 *     delivered there later, unless a subscriber asks to resume after a sequence number it saw
 *     ({@link #stream(String, long)}), while retention still keeps the messages.</li>
 * </ul>
 *
 * <p>Threads: every method may be called from any thread, except the blocking ones
 * ({@link #publish(String, String)}, {@link #subscribe}, {@link Builder#build()}), which must not
 * run on an event loop. Handlers run on virtual threads, one message at a time per subscriber,
 * and may block.
 *
 * @implNote {@link Builder#build()} returns the driver's own implementation, hidden in
 *     {@code io.fasterapi.pg.internal.broker}; this type is the API and its documentation.
 */
public abstract class PgBroker implements LongLived, AutoCloseable {
    /** For {@link #stream(String, long)}: start with the next message published, not with stored ones. */
    public static final long NOW = -1;

    /** What happens when a subscriber's buffer is full and another message arrives. */
    public enum Overflow {
        /**
         * The message is dropped, and once the subscriber has room again it receives one gap marker
         * (with the count lost) before the next message. The subscription stays open. The default.
         */
        DROP,
        /**
         * The subscription ends: the subscriber receives the messages buffered so far, then a gap
         * marker, and nothing more ({@link BrokerSubscription#isOpen()} turns false, a
         * {@link Flow} subscriber gets {@code onComplete}). Meant for streams the client resumes:
         * an SSE client reconnects with its {@code Last-Event-ID} and catches up from the table.
         */
        DISCONNECT
    }

    /** For the driver's own implementation: applications get a broker from {@link #builder}. */
    protected PgBroker() {
    }

    /** A builder for a broker publishing and listening through {@code pool}. */
    public static Builder builder(PgPool pool) {
        return new Builder(pool);
    }

    /**
     * Publishes {@code payload} on {@code channel} and returns its sequence number once committed;
     * subscribers on every instance then receive it. Blocking: not on an event loop.
     *
     * @throws IllegalArgumentException if the channel is empty or the payload is over
     *     {@link Builder#maxPayloadBytes} in UTF-8
     */
    public long publish(String channel, String payload) {
        return publishAsync(channel, payload).await();
    }

    /**
     * As {@link #publish(String, String)}, without blocking: one autocommitted statement, pipelined
     * with other statements of the pool. Concurrent calls are ordered by their commits. Any thread.
     */
    public abstract Future<Long> publishAsync(String channel, String payload);

    /**
     * Publishes as part of {@code tx}: subscribers receive the message only if and when the
     * transaction commits, and nothing if it rolls back (an outbox without the polling). The
     * channel's counter row stays locked until then, so other publishers to that channel wait:
     * keep such transactions short. Returns the sequence number the message will have.
     */
    public abstract long publish(Tx tx, String channel, String payload);

    /**
     * Subscribes {@code handler} to the messages published on {@code channel} from now on; returns
     * once this instance listens on it. The handler runs on a virtual thread, one message at a
     * time, in order, and may block; a handler that throws is logged and given the next message.
     * Blocking: not on an event loop.
     */
    public BrokerSubscription subscribe(String channel, Consumer<BrokerMessage> handler) {
        return subscribeAsync(channel, NOW, handler).await();
    }

    /**
     * As {@link #subscribe}, starting after message {@code afterSeq} ({@link #NOW}: with the next
     * one published): messages after it that the broker's table still holds are delivered first,
     * then the live ones, without duplicates; a gap marker first if retention already removed some.
     * At most {@link Builder#bufferSize} stored messages are replayed (the newest; a gap marker
     * before them). Completes once listening. Any thread.
     */
    public abstract Future<BrokerSubscription> subscribeAsync(String channel, long afterSeq,
            Consumer<BrokerMessage> handler);

    /** {@link #stream(String, long)} from {@link #NOW}. */
    public Flow.Publisher<BrokerMessage> stream(String channel) {
        return stream(channel, NOW);
    }

    /**
     * The channel's messages after {@code afterSeq} as a {@link Flow.Publisher}, for Server-Sent
     * Events and other reactive consumers: each {@code subscribe} makes a subscription (replaying
     * from the table as {@link #subscribeAsync} does), messages are sent as the subscriber
     * requests them, at most {@link Builder#bufferSize} wait, and cancelling closes it. Signals
     * come one at a time from the broker's virtual thread, or from the thread calling
     * {@code request} when messages were waiting for it: {@code onNext} must not block. Any thread.
     */
    public abstract Flow.Publisher<BrokerMessage> stream(String channel, long afterSeq);

    /**
     * How many channels this instance listens on now: channels with a subscriber whose LISTEN is in
     * place, so that a message published from now on reaches them. Any thread.
     */
    public abstract int listeningChannels();

    /**
     * Whether this instance listens on {@code channel} now (a subscriber has it and its LISTEN is in
     * place): a message published from now on reaches this instance's subscribers. Any thread.
     */
    public abstract boolean isListening(String channel);

    /**
     * Stops the retention sweeps and ends every subscription (their LISTENs end; a
     * {@link #stream} subscriber gets {@code onComplete}, so SSE responses end). The pool stays
     * open; the tables stay. Idempotent.
     */
    @Override
    public abstract void close();

    /** Configures a {@link PgBroker}. */
    public static final class Builder {
        private final PgPool pool;
        private String schema = "public";
        private Duration retention = Duration.ofMinutes(10);
        private long maxStoredPerChannel = 10_000;
        private Duration sweepInterval = Duration.ofSeconds(30);
        private int bufferSize = 1024;
        private Overflow overflow = Overflow.DROP;
        private int maxPayloadBytes = 1 << 20;
        private boolean synchronousCommit = true;

        private Builder(PgPool pool) {
            this.pool = Objects.requireNonNull(pool, "pool");
        }

        /**
         * The schema of the broker's tables ({@code fasterapi_broker_channels}, one row a channel
         * with its last sequence number, and {@code fasterapi_broker_messages}); created if missing.
         * Every instance sharing channels must use the same schema. Default {@code public}.
         */
        public Builder schema(String schema) {
            if (Objects.requireNonNull(schema, "schema").isEmpty()) {
                throw new IllegalArgumentException("schema must not be empty");
            }
            this.schema = schema;
            return this;
        }

        /**
         * How long stored messages are kept for subscribers to catch up (after a lost LISTEN
         * connection, or resuming after a sequence number); default 10 minutes.
         */
        public Builder retention(Duration retention) {
            if (retention.isNegative() || retention.isZero()) {
                throw new IllegalArgumentException("retention must be positive, got " + retention);
            }
            this.retention = retention;
            return this;
        }

        /** At most this many newest messages are kept per channel, however young; default 10,000. */
        public Builder maxStoredPerChannel(long max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxStoredPerChannel must be at least 1, got " + max);
            }
            this.maxStoredPerChannel = max;
            return this;
        }

        /**
         * How often this instance removes what retention no longer keeps (one instance at a time,
         * under an advisory lock); default 30 s.
         */
        public Builder sweepInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("sweepInterval must be positive, got " + interval);
            }
            this.sweepInterval = interval;
            return this;
        }

        /** How many messages may wait for one subscriber; default 1,024. */
        public Builder bufferSize(int messages) {
            if (messages < 1) {
                throw new IllegalArgumentException("bufferSize must be at least 1, got " + messages);
            }
            this.bufferSize = messages;
            return this;
        }

        /** What a full subscriber buffer does; default {@link Overflow#DROP}. */
        public Builder overflow(Overflow overflow) {
            this.overflow = Objects.requireNonNull(overflow, "overflow");
            return this;
        }

        /** The largest payload {@code publish} accepts, in UTF-8 bytes; default 1 MiB. */
        public Builder maxPayloadBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxPayloadBytes must be at least 1, got " + bytes);
            }
            this.maxPayloadBytes = bytes;
            return this;
        }

        /**
         * Whether a publish waits for its commit to reach the disk (PostgreSQL's
         * {@code synchronous_commit} for the publishing statement only; default true). The
         * publishers of one channel take turns on its counter row until they commit, so one
         * channel publishes at most one message per WAL flush: off, that limit goes (several times the
         * rate on the development machine, {@code docs/events.md}). The price: if the server crashes, the last
         * messages it acknowledged (subscribers may have received them) are lost and their numbers
         * are given again; subscribers get a gap marker when they notice. Never applies to
         * {@link PgBroker#publish(Tx, String, String)}, whose transaction is the caller's.
         */
        public Builder synchronousCommit(boolean on) {
            this.synchronousCommit = on;
            return this;
        }

        /**
         * Creates the schema and tables if missing (under an advisory lock, so instances starting
         * together do not race) and starts the retention sweeps. Blocking: not on an event loop.
         */
        public PgBroker build() {
            return DefaultBroker.start(pool, new BrokerSettings(schema, retention, maxStoredPerChannel,
                    sweepInterval, bufferSize, overflow, maxPayloadBytes, synchronousCommit));
        }
    }
}
