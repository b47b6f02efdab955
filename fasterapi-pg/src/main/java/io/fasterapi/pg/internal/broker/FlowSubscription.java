package io.fasterapi.pg.internal.broker;

import io.fasterapi.pg.BrokerMessage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link io.fasterapi.pg.PgBroker#stream} subscription: the subscriber's requests become the
 * mailbox's demand, cancelling closes the mailbox, and the mailbox's deliveries become
 * {@code onNext} (then {@code onComplete} when the overflow policy ends it, {@code onError} when
 * the channel could not be joined). Signals come one at a time, from the mailbox's virtual thread
 * when a message arrives while the subscriber has demand, else from the thread calling
 * {@link #request} (trampolined: a request from inside {@code onNext} does not recurse).
 */
final class FlowSubscription implements Flow.Subscription, Mailbox.Sink {
    private final Flow.Subscriber<? super BrokerMessage> subscriber;
    private final AtomicBoolean terminated = new AtomicBoolean();
    Mailbox mailbox;

    FlowSubscription(Flow.Subscriber<? super BrokerMessage> subscriber) {
        this.subscriber = subscriber;
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            mailbox.close();
            fail(new IllegalArgumentException("request must be positive (Reactive Streams §3.9), got " + n));
            return;
        }
        mailbox.request(n);
    }

    @Override
    public void cancel() {
        terminated.set(true);
        mailbox.close();
    }

    @Override
    public void deliver(BrokerMessage message) {
        if (!terminated.get()) {
            subscriber.onNext(message);
        }
    }

    @Override
    public void end() {
        if (terminated.compareAndSet(false, true)) {
            subscriber.onComplete();
        }
    }

    void fail(Throwable error) {
        if (terminated.compareAndSet(false, true)) {
            mailbox.close();
            subscriber.onError(error);
        }
    }
}
