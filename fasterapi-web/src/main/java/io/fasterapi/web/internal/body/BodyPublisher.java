package io.fasterapi.web.internal.body;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher view of a {@link RequestBodyStream}: chunks go to the one subscriber as it requests
 * them, each a heap {@link ByteBuffer} of its own (a copy: nothing reference-counted escapes). What
 * is not requested stays in the stream, which pauses the socket as for a slow reader. Every signal
 * runs on the connection's event loop (Reactive Streams §1.3: serially); a subscriber must not block
 * there. {@code request} and {@code cancel} may be called from any thread; a subscriber that throws
 * is cancelled (§2.13). Cancelling drops the rest of the body.
 */
final class BodyPublisher implements Flow.Publisher<ByteBuffer>, Flow.Subscription {
    private static final Logger log = LoggerFactory.getLogger(BodyPublisher.class);
    private static final Flow.Subscription NONE = new Flow.Subscription() {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    };

    private final RequestBodyStream body;
    private final EventExecutor loop;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    // Loop only:
    private Flow.Subscriber<? super ByteBuffer> subscriber;
    private long demand;
    private boolean done;
    private boolean draining;

    BodyPublisher(RequestBodyStream body, EventExecutor loop) {
        this.body = body;
        this.loop = loop;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
        Objects.requireNonNull(s, "subscriber");
        if (!subscribed.compareAndSet(false, true)) {
            s.onSubscribe(NONE);
            s.onError(new IllegalStateException("a request body can be subscribed to once"));
            return;
        }
        onLoop(() -> {
            subscriber = s;
            body.onArrival(this::drain);
            try {
                s.onSubscribe(this);
            } catch (Throwable t) {
                cancelAfter(t);
                return;
            }
            drain();
        });
    }

    @Override
    public void request(long n) {
        onLoop(() -> {
            if (done) {
                return;
            }
            if (n <= 0) { // §3.9
                try {
                    terminate(new IllegalArgumentException("request(" + n + "): demand must be positive"));
                } catch (Throwable t) {
                    log.warn("a request body subscriber threw in onError", t);
                }
                body.abandon();
                return;
            }
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            drain();
        });
    }

    @Override
    public void cancel() {
        onLoop(() -> {
            if (!done) {
                done = true;
                subscriber = null;
                body.abandon();
            }
        });
    }

    // Re-entered from onNext (a request there) only to add demand: the outer loop goes on.
    private void drain() {
        if (draining || done || subscriber == null) {
            return;
        }
        draining = true;
        try {
            while (!done) {
                ByteBuf chunk = demand > 0 ? body.poll() : null;
                if (chunk != null) {
                    ByteBuffer copy = ByteBuffer.allocate(chunk.readableBytes());
                    chunk.readBytes(copy);
                    chunk.release();
                    demand--;
                    subscriber.onNext(copy.flip());
                    continue;
                }
                IOException failure = body.terminalFailure();
                if (failure != null) {
                    terminate(failure);
                } else if (body.exhausted()) {
                    done = true;
                    subscriber.onComplete();
                }
                break;
            }
        } catch (Throwable t) {
            cancelAfter(t);
        } finally {
            draining = false;
        }
    }

    private void terminate(Throwable failure) {
        done = true;
        Flow.Subscriber<? super ByteBuffer> s = subscriber;
        subscriber = null;
        s.onError(failure);
    }

    private void cancelAfter(Throwable t) {
        log.warn("a request body subscriber threw; its subscription is cancelled", t);
        done = true;
        subscriber = null;
        body.abandon();
    }

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }
}
