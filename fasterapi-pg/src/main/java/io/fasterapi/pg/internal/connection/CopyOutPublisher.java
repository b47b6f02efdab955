package io.fasterapi.pg.internal.connection;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A cold, single-use publisher of the bytes of {@code COPY ... TO STDOUT}: the statement is queued
 * on the connection when a subscriber arrives. {@code onNext} runs on the connection's event loop
 * and must not block. A second subscriber is refused (Flow rule 1.9 allows refusing with onError).
 */
final class CopyOutPublisher implements Flow.Publisher<ByteBuffer> {
    private final PgConnection connection;
    private final String sql;
    private final long timeoutNanos;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    /** @param timeoutNanos longest wait on the server while the subscriber has demand, or 0 for none */
    CopyOutPublisher(PgConnection connection, String sql, long timeoutNanos) {
        this.connection = connection;
        this.sql = sql;
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IllegalStateException("a COPY TO STDOUT publisher can be subscribed to once"));
            return;
        }
        CopyOutCommand command = new CopyOutCommand(sql, connection, subscriber, timeoutNanos);
        subscriber.onSubscribe(command);
        connection.pipeline().submit(command);
    }
}
