package io.fasterapi.pg.internal.connection;

import io.fasterapi.pg.PgException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Drains a COPY TO STDOUT publisher into an {@link OutputStream} on the calling (virtual) thread,
 * asking for {@link #WINDOW} chunks ahead so the loop never waits on the stream, and at most that
 * many are held. A failing stream cancels the COPY.
 */
final class CopyOutSink implements Flow.Subscriber<ByteBuffer> {
    static final int WINDOW = 4;
    private static final Object END = new Object();

    private record Failure(Throwable cause) {
    }

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(WINDOW);
    }

    @Override
    public void onNext(ByteBuffer chunk) {
        queue.add(chunk);
    }

    @Override
    public void onError(Throwable t) {
        queue.add(new Failure(t));
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    /** Writes every chunk to {@code out} and returns the byte count. Blocking. */
    long drainTo(OutputStream out) {
        long bytes = 0;
        for (;;) {
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                subscription.cancel();
                throw new PgException("interrupted during COPY TO STDOUT", e);
            }
            if (item == END) {
                return bytes;
            }
            if (item instanceof Failure f) {
                throw f.cause() instanceof RuntimeException re ? re : new PgException(f.cause().getMessage(), f.cause());
            }
            ByteBuffer chunk = (ByteBuffer) item;
            try {
                out.write(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
            } catch (IOException e) {
                subscription.cancel();
                throw new UncheckedIOException("COPY TO STDOUT cancelled: writing its output failed", e);
            }
            bytes += chunk.remaining();
            subscription.request(1);
        }
    }
}
