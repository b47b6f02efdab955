package io.fasterapi.web.internal.body;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A request body handed to the handler while it arrives: the connection's event loop {@link #offer}s
 * the decoded chunks, the handler's thread reads them. Bounded: once {@link #HIGH_WATER} bytes wait
 * unread the connection stops reading from its socket ({@link ReadGate#pause}), and it reads again
 * when the reader has brought them under {@link #LOW_WATER} (and likewise past {@link #MAX_CHUNKS}
 * unread chunks); so a body of any size costs at most about {@code HIGH_WATER} plus one socket read
 * (64 KiB) of memory, and a slow reader slows the sender down through TCP's flow control. The
 * handler reads it as an {@code InputStream}, or subscribes to its {@link #publisher()} view.
 *
 * <p>Reads block, parking a virtual thread ({@link ReentrantLock}, never a monitor). A body cut short
 * (the client closed the connection, the body was too large or malformed) makes the next read throw
 * an {@link IOException}. Once the exchange is over ({@link #abandon()}) unread bytes are dropped, and
 * so is the rest of the body while the decoder reads past it, which keeps the connection's framing.
 *
 * <p>Threads: {@code offer}, {@code end}, {@code fail} on the connection's loop; the reads on the
 * handler's thread (one reader at a time); {@code abandon} and {@code close} on any thread.
 */
public final class RequestBodyStream extends InputStream {
    /** Unread bytes at which the connection stops reading its socket. */
    public static final int HIGH_WATER = 64 * 1024;
    /** Unread bytes under which a paused connection reads again. */
    public static final int LOW_WATER = 16 * 1024;
    /**
     * Unread chunks at which the connection stops reading, whatever their size: each holds a slice of
     * a receive buffer, so a client sending tiny chunks must not pin many buffers with few bytes.
     */
    static final int MAX_CHUNKS = 128;

    /** Starts and stops the connection's socket reads. Called on the connection's loop only. */
    public interface ReadGate {
        /** A gate for a body already received whole: nothing to pause. */
        ReadGate NONE = new ReadGate() {
            @Override
            public void pause() {
            }

            @Override
            public void resume() {
            }
        };

        /** Stops reading from the socket (until a matching {@link #resume}). */
        void pause();

        /** Undoes one {@link #pause}. */
        void resume();
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<ByteBuf> chunks = new ArrayDeque<>();
    private final EventExecutor loop;
    private final ReadGate gate;
    private long buffered;
    private long maxBuffered;
    private boolean ended;
    private boolean abandoned;
    private IOException failure;
    private int refusalStatus;
    private boolean paused;
    private boolean resumeScheduled;
    private volatile Runnable arrivals; // the publisher view's drain, run on the loop when something arrives
    private BodyPublisher publisher;

    public RequestBodyStream(EventExecutor loop, ReadGate gate) {
        this.loop = loop;
        this.gate = gate;
    }

    /** Adds a chunk (ownership passes to the stream); pauses the socket when too much waits. Loop. */
    public void offer(ByteBuf chunk) {
        boolean pause = false;
        lock.lock();
        try {
            if (abandoned || failure != null) {
                chunk.release();
                return;
            }
            chunks.add(chunk);
            buffered += chunk.readableBytes();
            maxBuffered = Math.max(maxBuffered, buffered);
            if ((buffered >= HIGH_WATER || chunks.size() >= MAX_CHUNKS) && !paused) {
                paused = true;
                pause = true;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (pause) {
            gate.pause();
        }
        notifyArrival();
    }

    /** The body's last byte arrived. Loop. */
    public void end() {
        lock.lock();
        try {
            ended = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        notifyArrival();
    }

    /**
     * The body will not arrive whole: reads throw {@code cause} from now on. {@code status} is what
     * the server answers for the request instead of the handler (413, 400), or 0. Loop.
     */
    public void fail(IOException cause, int status) {
        lock.lock();
        try {
            if (ended || abandoned || failure != null) {
                return;
            }
            failure = cause;
            refusalStatus = status;
            dropChunks();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        notifyArrival();
    }

    /** The exchange is over: unread and further bytes are dropped, the socket read again. Any thread. */
    public void abandon() {
        lock.lock();
        try {
            abandoned = true;
            dropChunks();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        scheduleResume();
        Runnable r = arrivals;
        if (r != null) {
            if (loop.inEventLoop()) {
                r.run();
            } else {
                loop.execute(r);
            }
        }
    }

    /**
     * The body as a {@link java.util.concurrent.Flow.Publisher} of {@code ByteBuffer}s, signalling on
     * the connection's loop; one subscriber. Any thread (the first call creates it).
     */
    public java.util.concurrent.Flow.Publisher<java.nio.ByteBuffer> publisher() {
        lock.lock();
        try {
            if (publisher == null) {
                publisher = new BodyPublisher(this, loop);
            }
            return publisher;
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code drain} on the loop whenever a chunk, the end, a failure or the abandon comes. Loop. */
    void onArrival(Runnable drain) {
        this.arrivals = drain;
    }

    private void notifyArrival() {
        Runnable r = arrivals;
        if (r != null) {
            r.run();
        }
    }

    /** The next unread chunk (the caller releases it), or null: never blocks. Any thread. */
    ByteBuf poll() {
        ByteBuf chunk;
        lock.lock();
        try {
            chunk = chunks.poll();
            if (chunk != null) {
                buffered -= chunk.readableBytes();
            }
        } finally {
            lock.unlock();
        }
        if (chunk != null) {
            scheduleResumeIfDrained();
        }
        return chunk;
    }

    /** Why nothing more will come (a failure, or the exchange is over), or null. Any thread. */
    IOException terminalFailure() {
        lock.lock();
        try {
            return failure != null ? failure
                    : abandoned ? new IOException("the request body was closed, or its exchange is over") : null;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the whole body arrived and was taken. Any thread. */
    boolean exhausted() {
        lock.lock();
        try {
            return ended && chunks.isEmpty() && failure == null && !abandoned;
        } finally {
            lock.unlock();
        }
    }

    /** The status answered instead of the handler's response because the body was refused, else 0. Any thread. */
    public int refusalStatus() {
        lock.lock();
        try {
            return refusalStatus;
        } finally {
            lock.unlock();
        }
    }

    /** The most bytes this stream held unread at once. Any thread. */
    public long maxBuffered() {
        lock.lock();
        try {
            return maxBuffered;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int n;
        lock.lock();
        try {
            ByteBuf head;
            while ((head = chunks.peek()) == null) {
                checkReadable();
                if (ended) {
                    return -1;
                }
                changed.awaitUninterruptibly();
            }
            n = Math.min(len, head.readableBytes());
            head.readBytes(b, off, n);
            if (!head.isReadable()) {
                chunks.poll().release();
            }
            buffered -= n;
        } finally {
            lock.unlock();
        }
        scheduleResumeIfDrained();
        return n;
    }

    @Override
    public int available() throws IOException {
        lock.lock();
        try {
            checkReadable();
            return (int) Math.min(Integer.MAX_VALUE, buffered);
        } finally {
            lock.unlock();
        }
    }

    /** Stops reading: the rest of the body is dropped (the response is still the handler's). */
    @Override
    public void close() {
        abandon();
    }

    private void checkReadable() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (abandoned) {
            throw new IOException("the request body was closed, or its exchange is over");
        }
    }

    private boolean drained() {
        return buffered <= LOW_WATER && chunks.size() <= MAX_CHUNKS / 4;
    }

    private void dropChunks() {
        for (ByteBuf c : chunks) {
            c.release();
        }
        chunks.clear();
        buffered = 0;
    }

    private void scheduleResumeIfDrained() {
        lock.lock();
        try {
            if (!paused || resumeScheduled || !drained()) {
                return;
            }
            resumeScheduled = true;
        } finally {
            lock.unlock();
        }
        loop.execute(this::resumeOnLoop);
    }

    private void scheduleResume() {
        lock.lock();
        try {
            if (!paused || resumeScheduled) {
                return;
            }
            resumeScheduled = true;
        } finally {
            lock.unlock();
        }
        if (loop.inEventLoop()) {
            resumeOnLoop();
        } else {
            loop.execute(this::resumeOnLoop);
        }
    }

    private void resumeOnLoop() {
        lock.lock();
        try {
            resumeScheduled = false;
            if (!paused || (!drained() && !abandoned && failure == null)) {
                return;
            }
            paused = false;
        } finally {
            lock.unlock();
        }
        gate.resume();
    }
}
