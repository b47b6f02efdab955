package io.fasterapi.pg.internal.result;

import io.netty.buffer.ByteBuf;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The retained DataRow slices of one result, released exactly once: by close, or by the cleaner
 * when the result is garbage. Kept apart from the result so the cleaner does not keep it reachable.
 */
final class RowBuffers implements Runnable {
    static final Cleaner CLEANER = Cleaner.create();

    private final AtomicReference<ByteBuf[]> rows;
    private final int count;

    RowBuffers(ByteBuf[] rows, int count) {
        this.rows = new AtomicReference<>(rows);
        this.count = count;
    }

    ByteBuf row(int i) {
        ByteBuf[] r = rows.getPlain();
        if (r == null) {
            throw new IllegalStateException("result closed: rows are no longer readable (scalar(), one(Class),"
                    + " first(Class) and as(Class) close the result after reading it)");
        }
        return r[i];
    }

    /** Releases the buffers; safe to call more than once, from any thread. */
    @Override
    public void run() {
        ByteBuf[] r = rows.getAndSet(null);
        if (r != null) {
            for (int i = 0; i < count; i++) {
                r[i].release();
            }
        }
    }
}
