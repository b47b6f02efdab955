package io.fasterapi.web;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An override of a dependency that lasts until {@link #close()} ({@link App#overrideScoped}), which
 * puts back the factory that was there before: use it in try-with-resources, so a test's fake does
 * not leak into the next test. Closing twice does nothing.
 */
public final class DependencyOverride implements AutoCloseable {
    private final Runnable restore;
    private final AtomicBoolean closed = new AtomicBoolean();

    DependencyOverride(Runnable restore) {
        this.restore = restore;
    }

    /**
     * Puts back the factory the override replaced; {@link IllegalStateException} when closed out of
     * order (an override opened after it is still open), leaving it open.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                restore.run();
            } catch (RuntimeException e) {
                closed.set(false); // still open: it may be closed once the inner ones are
                throw e;
            }
        }
    }
}
