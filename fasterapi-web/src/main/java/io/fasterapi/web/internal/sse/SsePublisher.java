package io.fasterapi.web.internal.sse;

import io.fasterapi.core.Shard;
import io.fasterapi.web.ServerSentEvent;
import io.fasterapi.web.internal.json.JsonCodec;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a publisher of {@link ServerSentEvent}s into the framed bytes of a {@code text/event-stream}
 * body, adding keep-alive comments while the source is idle. One upstream event is requested per
 * downstream request, so the socket's pace sets the source's. Each subscription keeps its state
 * under a {@link ReentrantLock} (the source, the timer and the writer call in from different
 * threads; a virtual thread may hold it without pinning).
 */
public final class SsePublisher implements Flow.Publisher<ByteBuffer> {
    private final Flow.Publisher<ServerSentEvent> source;
    private final long keepAliveNanos;
    // The app's mapper (its naming policy) for event data that is not text; set by the route's
    // answer before the response is handed to the loop, which subscribes.
    private volatile JsonMapper json = JsonCodec.mapper();

    public SsePublisher(Flow.Publisher<ServerSentEvent> source, Duration keepAlive) {
        this.source = source;
        this.keepAliveNanos = keepAlive.toNanos();
    }

    /** Writes the data of events with {@code json}, the app's mapper. Before the stream is subscribed. */
    public void json(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        new Bridge(subscriber).start(Shard.current());
    }

    private final class Bridge implements Flow.Subscription, Flow.Subscriber<ServerSentEvent> {
        private final Flow.Subscriber<? super ByteBuffer> downstream;
        private final ReentrantLock lock = new ReentrantLock();
        private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>(2);
        private Flow.Subscription upstream;
        private ScheduledFuture<?> timer;
        private long demand;
        private long lastSent = System.nanoTime();
        private boolean upstreamPending;
        private boolean upstreamDone;
        private Throwable failure;
        private boolean cancelled;
        private boolean terminated;
        private boolean draining;
        private boolean again;

        Bridge(Flow.Subscriber<? super ByteBuffer> downstream) {
            this.downstream = downstream;
        }

        void start(Shard shard) {
            downstream.onSubscribe(this);
            if (keepAliveNanos > 0) {
                ScheduledExecutorService timers = shard != null ? shard.eventLoop() : KeepAliveTimers.shared();
                long period = Math.max(keepAliveNanos / 2, TimeUnit.MILLISECONDS.toNanos(1));
                ScheduledFuture<?> t = timers.scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
                lock.lock();
                try {
                    timer = t;
                    if (cancelled || terminated) {
                        t.cancel(false);
                    }
                } finally {
                    lock.unlock();
                }
            }
            source.subscribe(this);
        }

        private void tick() {
            lock.lock();
            try {
                if (!terminated && !cancelled && queue.isEmpty() && System.nanoTime() - lastSent >= keepAliveNanos) {
                    queue.add(SseEncoder.KEEP_ALIVE.duplicate());
                }
            } finally {
                lock.unlock();
            }
            drain();
        }

        // ---- downstream subscription ----

        @Override
        public void request(long n) {
            lock.lock();
            try {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            } finally {
                lock.unlock();
            }
            drain();
        }

        @Override
        public void cancel() {
            Flow.Subscription up;
            lock.lock();
            try {
                if (cancelled) {
                    return;
                }
                cancelled = true;
                queue.clear();
                stopTimer();
                up = upstream;
            } finally {
                lock.unlock();
            }
            if (up != null) {
                up.cancel();
            }
        }

        // ---- upstream subscriber ----

        @Override
        public void onSubscribe(Flow.Subscription s) {
            boolean cancelNow;
            lock.lock();
            try {
                cancelNow = cancelled || upstream != null;
                if (upstream == null) {
                    upstream = s;
                }
            } finally {
                lock.unlock();
            }
            if (cancelNow) {
                s.cancel();
                return;
            }
            drain();
        }

        @Override
        public void onNext(ServerSentEvent event) {
            ByteBuffer bytes;
            try {
                bytes = SseEncoder.encode(event, json);
            } catch (RuntimeException e) {
                upstream.cancel();
                onError(e);
                return;
            }
            lock.lock();
            try {
                upstreamPending = false;
                if (!cancelled) {
                    queue.add(bytes);
                }
            } finally {
                lock.unlock();
            }
            drain();
        }

        @Override
        public void onError(Throwable t) {
            lock.lock();
            try {
                upstreamDone = true;
                failure = t;
            } finally {
                lock.unlock();
            }
            drain();
        }

        @Override
        public void onComplete() {
            lock.lock();
            try {
                upstreamDone = true;
            } finally {
                lock.unlock();
            }
            drain();
        }

        // Emits what demand allows; a re-entrant call (a synchronous source) only marks another pass.
        private void drain() {
            lock.lock();
            try {
                if (draining) {
                    again = true;
                    return;
                }
                draining = true;
                try {
                    do {
                        again = false;
                        step();
                    } while (again);
                } finally {
                    draining = false;
                }
            } finally {
                lock.unlock();
            }
        }

        private void step() {
            while (demand > 0 && !queue.isEmpty() && !cancelled) {
                demand--;
                lastSent = System.nanoTime();
                downstream.onNext(queue.poll());
            }
            if (cancelled || terminated) {
                return;
            }
            if (queue.isEmpty() && upstreamDone) {
                terminated = true;
                stopTimer();
                if (failure != null) {
                    downstream.onError(failure);
                } else {
                    downstream.onComplete();
                }
                return;
            }
            if (queue.isEmpty() && demand > 0 && !upstreamPending && !upstreamDone && upstream != null) {
                upstreamPending = true;
                upstream.request(1);
            }
        }

        private void stopTimer() {
            if (timer != null) {
                timer.cancel(false);
            }
        }
    }
}
