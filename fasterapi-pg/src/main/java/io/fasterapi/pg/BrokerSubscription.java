package io.fasterapi.pg;

/**
 * A subscriber's hold on a {@link PgBroker} channel: close it to stop receiving. Closing the last
 * subscription of a channel in an application instance UNLISTENs it. Any thread.
 */
public interface BrokerSubscription extends AutoCloseable {
    /** The channel subscribed to. */
    String channel();

    /**
     * How many messages this subscriber lost because its buffer was full
     * ({@link PgBroker.Builder#bufferSize}), over its life.
     */
    long dropped();

    /** Whether messages still arrive: false once closed, or ended by {@link PgBroker.Overflow#DISCONNECT}. */
    boolean isOpen();

    /** Stops the deliveries; a message being handled finishes. Idempotent. */
    @Override
    void close();
}
