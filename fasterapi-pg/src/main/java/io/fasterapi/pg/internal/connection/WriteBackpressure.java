package io.fasterapi.pg.internal.connection;

import io.netty.channel.Channel;
import java.util.concurrent.locks.LockSupport;

/**
 * Parks a thread that writes straight to the channel (a COPY FROM STDIN writer, see
 * {@link CopyInWriter}) while the channel is not writable, so it cannot queue more than the write
 * buffer's high-water mark. The connection wakes it when writability changes or the connection
 * breaks. One waiter at a time: a COPY holds the connection's writes.
 */
final class WriteBackpressure {
    /** Longest park between checks: a belt against a lost wake-up (the wake-up unparks at once). */
    private static final long PARK_NANOS = 50_000_000L;

    private volatile Thread waiter;

    /**
     * Parks the calling (non-loop) thread while {@code channel} is not writable. Returns true at
     * once if {@code connection} broke, false when the channel stayed unwritable for
     * {@code timeoutNanos} (0: no limit).
     */
    boolean await(PgConnection connection, Channel channel, long timeoutNanos) {
        long deadline = timeoutNanos == 0 ? 0 : System.nanoTime() + timeoutNanos;
        try {
            while (!channel.isWritable() && !connection.isBroken() && channel.isActive()) {
                waiter = Thread.currentThread();
                if (channel.isWritable() || connection.isBroken()) {
                    break;
                }
                long park = PARK_NANOS;
                if (deadline != 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    park = Math.min(park, left);
                }
                LockSupport.parkNanos(this, park);
            }
            return true;
        } finally {
            waiter = null;
        }
    }

    /** Unparks the waiting writer, if any. Loop. */
    void wake() {
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }
}
