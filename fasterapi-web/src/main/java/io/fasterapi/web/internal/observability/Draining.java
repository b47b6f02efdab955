package io.fasterapi.web.internal.observability;

/**
 * Whether a running server has begun to stop: from then on {@code /ready} answers 503 (a load
 * balancer stops sending traffic) while in-flight requests still finish and {@code /health} stays
 * 200 until the server is gone. One per started server; set by any thread, read by any thread.
 */
public final class Draining {
    private volatile boolean draining;

    /** Marks the server as stopping. Idempotent. */
    public void begin() {
        draining = true;
    }

    /** Whether the server is stopping. */
    public boolean isDraining() {
        return draining;
    }
}
