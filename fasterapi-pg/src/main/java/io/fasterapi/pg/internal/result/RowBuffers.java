package io.fasterapi.pg.internal.result;

import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.util.Arrays;

/**
 * The rows of one result: the receive buffers they arrived in, each retained once, and where in
 * its buffer each row starts. Filled by {@link #add} on the connection's event loop as DataRows
 * arrive, then handed to one {@link BufferedQueryResult} and only read (any thread; the future's
 * completion publishes it). Released exactly once: by close, or by the cleaner when the result is
 * garbage. Kept apart from the result so the cleaner does not keep the result reachable.
 *
 * <p>Why not a retained slice per row: in the 100,000-row profile the slices were 38% of the
 * allocations and their reference counting ~12% of the loop's CPU. A position is one {@code long}
 * (buffer number and offset) in chunks of {@value #CHUNK} rows, so a big result never copies or
 * allocates one huge array (a humongous object for G1).
 */
public final class RowBuffers implements Runnable {
    static final Cleaner CLEANER = Cleaner.create();

    private static final int CHUNK_BITS = 12;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int FIRST_CHUNK = 8;
    private static final VarHandle RELEASED;

    static {
        try {
            RELEASED = MethodHandles.lookup().findVarHandle(RowBuffers.class, "released", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final ByteBuf[] NO_BUFFERS = {};
    private static final long[][] NO_POSITIONS = {};

    private ByteBuf[] buffers = NO_BUFFERS;
    private int bufferCount;
    /** Row {@code r} starts at {@code positions[r >>> CHUNK_BITS][r & (CHUNK - 1)]}: buffer number << 32 | offset. */
    private long[][] positions = NO_POSITIONS;
    private int count;
    private boolean released;

    /**
     * Keeps the DataRow at {@code buffer[start...]} (int16 column count first), retaining the
     * buffer if it is not the one the previous row came in. Event loop only.
     */
    public void add(ByteBuf buffer, int start) {
        if (bufferCount == 0 || buffers[bufferCount - 1] != buffer) {
            if (bufferCount == buffers.length) {
                buffers = Arrays.copyOf(buffers, Math.max(2, bufferCount * 2));
            }
            buffers[bufferCount++] = buffer.retain();
        }
        int chunk = count >>> CHUNK_BITS;
        int within = count & (CHUNK - 1);
        long[] rows = chunk < positions.length ? positions[chunk] : null;
        if (rows == null) {
            if (chunk == positions.length) {
                positions = Arrays.copyOf(positions, Math.max(1, chunk * 2));
            }
            rows = positions[chunk] = new long[chunk == 0 ? FIRST_CHUNK : CHUNK];
        } else if (within == rows.length) {
            rows = positions[chunk] = Arrays.copyOf(rows, Math.min(rows.length * 2, CHUNK));
        }
        rows[within] = (long) (bufferCount - 1) << 32 | start;
        count++;
    }

    /** How many rows were added. */
    public int size() {
        return count;
    }

    /** Throws once the rows are released: their bytes may already belong to other data. */
    void checkReadable() {
        if (released) {
            throw new IllegalStateException("result closed: rows are no longer readable (scalar(), one(Class),"
                    + " first(Class) and as(Class) close the result after reading it)");
        }
    }

    /** Buffer number and offset of row {@code row}, packed as {@link #add} stored them. */
    long position(int row) {
        return positions[row >>> CHUNK_BITS][row & (CHUNK - 1)];
    }

    ByteBuf buffer(long position) {
        return buffers[(int) (position >>> 32)];
    }

    static int offset(long position) {
        return (int) position;
    }

    /** Releases the buffers; safe to call more than once, from any thread. */
    @Override
    public void run() {
        if (RELEASED.compareAndSet(this, false, true)) {
            for (int i = 0; i < bufferCount; i++) {
                buffers[i].release();
            }
        }
    }
}
