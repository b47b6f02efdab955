package io.fasterapi.pg.internal.tracing;

import io.fasterapi.pg.CopyIn;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.Flow;

/**
 * COPY under a span that lasts as long as the transfer: {@link #in} ends it when the COPY FROM STDIN
 * finishes or is aborted, {@link #out} when the COPY TO STDOUT's subscriber is told it ended or
 * cancels. No OpenTelemetry type here: only the {@link DbSpan}.
 */
public final class TracedCopy {
    private TracedCopy() {
    }

    /** {@code pipe}, ending {@code span} when it finishes (with the rows copied), aborts or closes. */
    public static CopyIn in(DbSpan span, CopyIn pipe) {
        return new TracedCopyIn(span, pipe);
    }

    /**
     * {@code bytes}, under a COPY span started when it is subscribed to, as a child of the context
     * current now (the caller's, usually a request's: the subscription may come later, elsewhere).
     */
    public static Flow.Publisher<ByteBuffer> out(PgTracer tracer, String sql, Flow.Publisher<ByteBuffer> bytes) {
        Object caller = tracer.current();
        return subscriber -> {
            DbSpan span = tracer.inContext(caller, () -> tracer.copy(sql));
            bytes.subscribe(new Flow.Subscriber<ByteBuffer>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscriber.onSubscribe(new Flow.Subscription() {
                        @Override
                        public void request(long n) {
                            subscription.request(n);
                        }

                        @Override
                        public void cancel() {
                            span.end(null, null);
                            subscription.cancel();
                        }
                    });
                }

                @Override
                public void onNext(ByteBuffer item) {
                    subscriber.onNext(item);
                }

                @Override
                public void onError(Throwable failure) {
                    span.end(null, failure);
                    subscriber.onError(failure);
                }

                @Override
                public void onComplete() {
                    span.end(null, null);
                    subscriber.onComplete();
                }
            });
        };
    }

    /** Used by one caller at a time, as every {@link CopyIn}. */
    private static final class TracedCopyIn implements CopyIn {
        private final DbSpan span;
        private final CopyIn pipe;
        private boolean ended;

        TracedCopyIn(DbSpan span, CopyIn pipe) {
            this.span = span;
            this.pipe = pipe;
        }

        @Override
        public CopyIn write(byte[] bytes) {
            pipe.write(bytes);
            return this;
        }

        @Override
        public CopyIn write(byte[] bytes, int offset, int length) {
            pipe.write(bytes, offset, length);
            return this;
        }

        @Override
        public CopyIn write(ByteBuffer buffer) {
            pipe.write(buffer);
            return this;
        }

        @Override
        public CopyIn write(CharSequence text) {
            pipe.write(text);
            return this;
        }

        @Override
        public long from(InputStream in) {
            return pipe.from(in);
        }

        @Override
        public long from(Path file) {
            return pipe.from(file);
        }

        @Override
        public long finish() {
            ended = true;
            try {
                long rows = pipe.finish();
                span.end(rows, null);
                return rows;
            } catch (RuntimeException | Error e) {
                span.end(null, e);
                throw e;
            }
        }

        @Override
        public void abort(String reason) {
            ended = true;
            try {
                pipe.abort(reason);
            } finally {
                span.end(null, null); // asked for: not an error
            }
        }

        @Override
        public long bytesWritten() {
            return pipe.bytesWritten();
        }

        @Override
        public void close() {
            if (ended) {
                pipe.close();
            } else {
                finish(); // what close() does for a COPY not finished yet, here with its rows counted
            }
        }

        @Override
        public String toString() {
            return pipe.toString();
        }
    }
}
