package io.fasterapi.pg.internal.pool;

import io.fasterapi.core.Deadline;
import java.time.Duration;

/** A call's deadline from a handle's per-call timeout and its cap, in the connection's convention. */
final class CallDeadlines {
    private CallDeadlines() {
    }

    /**
     * The call's deadline as a {@code System.nanoTime()}, 0 for none: the sooner of {@code timeout} from
     * now (null for none) and {@code cap} (null for none).
     */
    static long of(Duration timeout, Deadline cap) {
        long own = timeout == null ? 0 : System.nanoTime() + Math.max(1, timeout.toNanos());
        if (cap == null) {
            return own;
        }
        long capped = cap.nanoTime() == 0 ? 1 : cap.nanoTime();
        return own == 0 || capped - own < 0 ? capped : own;
    }
}
