package io.fasterapi.web.internal.startup;

/**
 * The start's warm-up as a running server sees it. The server listens while the warm-up still runs (no
 * first answer needs it: what it builds is otherwise built on first use); a handler about to run on a
 * virtual thread passes here first and, while the warm-up runs, waits for it, parked, its carrier free.
 * So no virtual thread initialises one of the warm-up's classes while the warm-up does, which would pin
 * its carrier (with loop-carried virtual threads, an event loop) for as long. Handlers on a loop do not
 * wait: a platform thread waiting for a class's initialisation pins nothing.
 */
public final class WarmupGate {
    private final StartupTask warmup;

    private WarmupGate(StartupTask warmup) {
        this.warmup = warmup;
    }

    /** A gate that opens when {@code warmup} ends, whether it succeeded or not. */
    public static WarmupGate after(StartupTask warmup) {
        return new WarmupGate(warmup);
    }

    /** Returns at once once the warm-up has ended; until then, waits for it to end. */
    public void pass() {
        if (!warmup.isDone()) {
            warmup.awaitEnd();
        }
    }

    /** Whether the warm-up has ended (and {@link #pass} returns at once). */
    public boolean isOpen() {
        return warmup.isDone();
    }
}
