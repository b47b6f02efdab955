package io.fasterapi.web.internal.server;

import io.fasterapi.web.internal.model.RouteModel;
import io.fasterapi.web.internal.request.RequestContext;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;

/**
 * One request/response pair of a connection, in its pipelining queue — or a {@link Turn}: a write
 * made before a request reaches the connection (a {@code 100 Continue}, an early 413, a WebSocket
 * handshake's answer) that must wait until the responses to earlier requests are out. Its state is
 * touched on the connection's loop only, except {@link #written()}, which other threads may wait on.
 */
final class Exchange {
    private static final VarHandle ANSWERED;

    static {
        try {
            ANSWERED = MethodHandles.lookup().findVarHandle(Exchange.class, "answered", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A write waiting in the pipelining queue for its turn. Loop only. */
    interface Turn {
        /** Every earlier response was written: write now. */
        void run();

        /** The connection closed first: release what the write holds. */
        void drop();
    }

    final RequestContext request; // null for a turn
    final Turn turn; // null for a request
    final boolean keepAlive;
    final boolean head;
    final boolean http10;
    final long startNanos;
    EncodedResponse response;
    boolean released;
    /** The route that answered, or null (404, 405, a middleware's answer); the metrics' {@code route} tag. */
    RouteModel route;
    // Created only when someone waits for the write (a dependency to close): most requests need no
    // write listener, and the per-response listener and future showed in the plaintext profile.
    private volatile CompletableFuture<Void> written;
    /**
     * The handler deadline's timer of a virtual-thread handler, or null: set on the loop before the
     * handler's thread starts, cancelled on the loop when the response is handed over.
     */
    io.netty.util.concurrent.ScheduledFuture<?> deadlineTimer;
    /** Set by whoever answers the request: its handler, or its deadline passing first. */
    private volatile boolean answered; // set through ANSWERED

    Exchange(RequestContext request, boolean keepAlive, boolean head, boolean http10) {
        this.request = request;
        this.http10 = http10;
        this.keepAlive = keepAlive;
        this.head = head;
        this.startNanos = System.nanoTime();
        this.turn = null;
    }

    private Exchange(Turn turn) {
        this.request = null;
        this.keepAlive = true;
        this.head = false;
        this.http10 = false;
        this.startNanos = System.nanoTime();
        this.turn = turn;
    }

    /** A queue entry that runs {@code turn} when it reaches the head. */
    static Exchange turn(Turn turn) {
        return new Exchange(turn);
    }

    /**
     * Completes once the response was written (or failed to be, or the connection closed). Must be
     * called before the response is handed to the connection, so the write is observed.
     */
    CompletableFuture<Void> written() {
        CompletableFuture<Void> w = written;
        if (w == null) {
            w = new CompletableFuture<>();
            written = w;
        }
        return w;
    }

    /** Whether someone waits for the write. */
    boolean awaitsWrite() {
        return written != null;
    }

    /** Reports the write's outcome to whoever waits. Loop only. */
    void writeDone(Throwable failure) {
        CompletableFuture<Void> w = written;
        if (w == null) {
            return;
        }
        if (failure == null) {
            w.complete(null);
        } else {
            w.completeExceptionally(failure);
        }
    }

    /**
     * Claims the right to answer: true for the first caller only — the handler's result, or the
     * handler deadline's 504 — so a late result is discarded. Any thread.
     */
    boolean claimAnswer() {
        return ANSWERED.compareAndSet(this, false, true);
    }

    /** Whether someone answered already (without claiming). */
    boolean isAnswered() {
        return answered;
    }

    /** Releases the request's body; idempotent. Loop only. */
    void releaseRequest() {
        if (!released) {
            released = true;
            request.nettyRequest().release();
        }
    }
}
