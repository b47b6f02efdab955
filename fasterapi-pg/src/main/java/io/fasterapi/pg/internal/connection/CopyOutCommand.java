package io.fasterapi.pg.internal.connection;

import io.fasterapi.pg.PgException;
import io.fasterapi.pg.PgTimeoutException;
import io.fasterapi.pg.internal.protocol.FrontendMessages;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;

/**
 * {@code COPY ... TO STDOUT} as a backpressured {@link Flow.Subscription}, a state machine on the
 * connection's loop:
 *
 * <pre>
 *   STARTING ──CopyOutResponse──► COPYING ──CopyDone──► ENDING ──CommandComplete, RFQ──► DONE
 *      │ rows, no COPY                │ ErrorResponse (or cancel: 57014)                   ▲
 *      └─────── (RFQ) DONE: error     └──────────────────────────────────────── (RFQ) ────┘
 * </pre>
 *
 * CopyData payloads (one per row for text and CSV) are gathered into chunks of about
 * {@link #CHUNK} bytes, cut at the end of each socket read so a slow trickle is not held back.
 * Chunks wait in a queue until the subscriber asks for them; when {@link #MAX_QUEUED} are waiting
 * the channel stops reading (autoRead off) so the server blocks on TCP, and reading resumes when
 * the subscriber catches up: memory stays bounded. Cancelling sends a CancelRequest.
 *
 * <p>Deadline: it bounds each wait on the server, not the whole COPY. The clock runs only while the
 * subscriber has asked for a chunk and none is queued for it, and restarts with each chunk handed
 * on; a slow subscriber (no demand) never stops the COPY, a server or network that sends nothing
 * for that long does: the COPY is cancelled and the subscriber gets {@link PgTimeoutException}.
 *
 * <p>Thread ownership: everything runs on the loop; {@link #request} and {@link #cancel} hop there.
 */
final class CopyOutCommand extends Command implements Flow.Subscription {
    static final int CHUNK = 64 * 1024;
    static final int MAX_QUEUED = 4;

    private enum State { STARTING, COPYING, ENDING, DONE }

    private final String sql;
    private final PgConnection connection;
    private final Flow.Subscriber<? super ByteBuffer> subscriber;
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private State state = State.STARTING;
    private ByteBuffer current;
    private long demand;
    private boolean cancelled;
    private boolean signalled;
    private Throwable failure;
    private boolean readsPaused;
    /** Longest wait on the server while the subscriber has demand (nanoseconds); 0 for no limit. */
    private final long timeoutNanos;
    /** The subscriber has demand and nothing is queued for it: we wait on the server, since {@link #waitingSince}. */
    private boolean waiting;
    private long waitingSince;
    private boolean stallCheckScheduled;

    CopyOutCommand(String sql, PgConnection connection, Flow.Subscriber<? super ByteBuffer> subscriber,
            long timeoutNanos) {
        super(0);
        this.sql = sql;
        this.connection = connection;
        this.subscriber = subscriber;
        this.timeoutNanos = timeoutNanos;
    }

    /** The row count in a command tag such as {@code COPY 42}; 0 without one. */
    static long rowCount(String tag) {
        if (tag == null) {
            return 0;
        }
        int sp = tag.lastIndexOf(' ');
        try {
            return sp < 0 ? 0 : Long.parseLong(tag, sp + 1, tag.length(), 10);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    void write(PgConnection c) {
        FrontendMessages.query(c.pipeline().out(), sql);
        c.pipeline().sent(new CopyExchange());
        c.pipeline().holdWritesFor(this);
    }

    @Override
    void fail(Throwable cause) {
        state = State.DONE;
        if (failure == null) {
            failure = cause;
        }
        queue.clear();
        current = null;
        resumeReads();
        signalEnd();
    }

    @Override
    boolean isDone() {
        return signalled;
    }

    @Override
    String describe() {
        return describeSql(sql);
    }

    @Override
    public void request(long n) {
        connection.onLoop(() -> {
            if (n <= 0) {
                cancelWith(new IllegalArgumentException("Flow rule 3.9: request(" + n + ") must be positive"));
                return;
            }
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            emit();
        });
    }

    @Override
    public void cancel() {
        connection.onLoop(() -> cancelWith(null));
    }

    private void cancelWith(Throwable error) {
        if (signalled || cancelled) {
            return;
        }
        cancelled = true;
        queue.clear();
        current = null;
        resumeReads();
        if (error != null) {
            signalled = true;
            subscriber.onError(error);
        }
        if (state != State.DONE) {
            cancelWanted = true;
            connection.cancellation().sendIfWanted();
        }
    }

    private void emit() {
        boolean handedOn = false;
        while (demand > 0 && !queue.isEmpty() && !cancelled) {
            demand--;
            handedOn = true;
            subscriber.onNext(queue.poll());
        }
        if (queue.size() < MAX_QUEUED) {
            resumeReads();
        }
        if (queue.isEmpty() && state == State.DONE) {
            signalEnd();
        }
        watchForStall(handedOn);
    }

    /** Starts the wait clock when the subscriber begins to wait on the server (again, after a chunk). */
    private void watchForStall(boolean handedOn) {
        boolean nowWaiting = timeoutNanos > 0 && demand > 0 && queue.isEmpty() && state != State.DONE && !cancelled
                && !signalled;
        if (nowWaiting && (!waiting || handedOn)) {
            waitingSince = System.nanoTime();
        }
        waiting = nowWaiting;
        if (waiting && !stallCheckScheduled) {
            stallCheckScheduled = true;
            connection.schedule(this::checkStall, timeoutNanos);
        }
    }

    private void checkStall() {
        stallCheckScheduled = false;
        if (!waiting || signalled || cancelled || state == State.DONE) {
            return;
        }
        long waited = System.nanoTime() - waitingSince;
        if (waited < timeoutNanos) {
            stallCheckScheduled = true;
            connection.schedule(this::checkStall, timeoutNanos - waited);
            return;
        }
        waiting = false;
        connection.cancellation().timeOut(this, new PgTimeoutException("no data from the server for "
                + Duration.ofNanos(timeoutNanos).toMillis() + " ms (the deadline) during " + describe()));
    }

    private void signalEnd() {
        if (signalled || !queue.isEmpty()) {
            return;
        }
        signalled = true;
        if (cancelled) {
            return;
        }
        if (failure != null) {
            subscriber.onError(failure);
        } else {
            subscriber.onComplete();
        }
    }

    private void resumeReads() {
        if (readsPaused) {
            readsPaused = false;
            connection.autoRead(true);
        }
    }

    private void cutChunk() {
        if (current != null && current.position() > 0) {
            queue.add(current.flip());
            current = null;
            if (queue.size() >= MAX_QUEUED && !readsPaused) {
                readsPaused = true;
                connection.autoRead(false);
            }
        }
    }

    private final class CopyExchange extends Exchange {
        @Override
        Command command() {
            return CopyOutCommand.this;
        }

        @Override
        public void copyOutResponse(boolean binary) {
            state = State.COPYING;
        }

        @Override
        public void copyData(ByteBuf data) {
            try {
                if (cancelled || state != State.COPYING) {
                    return;
                }
                int n = data.readableBytes();
                if (current != null && current.remaining() < n) {
                    cutChunk();
                }
                if (current == null) {
                    current = ByteBuffer.allocate(Math.max(CHUNK, n));
                }
                data.getBytes(data.readerIndex(), current.array(), current.arrayOffset() + current.position(), n);
                current.position(current.position() + n);
            } finally {
                data.release();
            }
        }

        @Override
        void readComplete() {
            cutChunk();
            emit();
        }

        @Override
        public void copyDone() {
            state = State.ENDING;
            cutChunk();
        }

        @Override
        void error(PgException e) {
            if (failure == null) {
                failure = e;
            }
        }

        @Override
        void readyForQuery(PgConnection c, char status) {
            boolean wasCopy = state != State.STARTING;
            state = State.DONE;
            c.pipeline().releaseWrites(CopyOutCommand.this);
            if (failure == null && !wasCopy) {
                failure = new PgException("not a COPY ... TO STDOUT statement: " + describe());
            }
            if (failure != null) {
                queue.clear();
                current = null;
            } else {
                cutChunk();
            }
            resumeReads();
            emit();
        }

        @Override
        void fail(Throwable cause) {
            CopyOutCommand.this.fail(cause);
        }
    }
}
