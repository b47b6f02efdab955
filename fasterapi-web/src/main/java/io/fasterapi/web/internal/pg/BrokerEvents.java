package io.fasterapi.web.internal.pg;

import java.util.concurrent.Flow;
import java.util.function.Function;

/**
 * A publisher that maps each item of another ({@code PgBroker.stream}'s messages into Server-Sent
 * Events): the subscription is the upstream's, so demand and cancellation pass straight through.
 */
public final class BrokerEvents<T, R> implements Flow.Publisher<R> {
    private final Flow.Publisher<T> upstream;
    private final Function<? super T, ? extends R> map;

    public BrokerEvents(Flow.Publisher<T> upstream, Function<? super T, ? extends R> map) {
        this.upstream = upstream;
        this.map = map;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super R> downstream) {
        upstream.subscribe(new Flow.Subscriber<T>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                downstream.onSubscribe(s);
            }

            @Override
            public void onNext(T item) {
                downstream.onNext(map.apply(item));
            }

            @Override
            public void onError(Throwable t) {
                downstream.onError(t);
            }

            @Override
            public void onComplete() {
                downstream.onComplete();
            }
        });
    }
}
