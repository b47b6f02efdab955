package io.fasterapi.web.internal.server;

import io.fasterapi.web.ServerOptions;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two timeouts of one HTTP connection, with one lazily re-armed timer: the request timeout (a
 * request partly received for too long; for a streamed body, silence for too long while the server
 * reads) and the idle timeout (nothing in flight and nothing read or written for too long). The
 * timer is not reset on every read and write: they only record the time, and the timer, when it
 * fires, re-arms itself from the latest activity. Both end when the connection becomes a WebSocket.
 * Every method runs on the connection's event loop.
 */
final class ConnectionTimeouts {
    private static final Logger log = LoggerFactory.getLogger(ConnectionTimeouts.class);

    private final HttpConnection connection;
    private final long requestTimeoutNanos;
    private final long idleTimeoutNanos;
    private ChannelHandlerContext ctx;
    private StreamedBodyRequests streamedBodies; // null when no route streams its body
    private long lastActivityNanos;
    private long requestStartNanos; // 0: no request partly received
    private int continuesPending; // 100 Continue awaiting their turn: the client waits, no request timeout runs
    private boolean refused; // a request was refused: nothing more is read, the connection closes after the refusal
    private boolean ended; // the connection became a WebSocket
    private ScheduledFuture<?> timer;
    private long timerDeadline;

    ConnectionTimeouts(HttpConnection connection, ServerOptions options) {
        this.connection = connection;
        this.requestTimeoutNanos = options.requestTimeout().toNanos();
        this.idleTimeoutNanos = options.idleTimeout().toNanos();
    }

    /** The pipeline's streamed-body handler, whose body receipt the request timeout watches. */
    void streamedBodies(StreamedBodyRequests handler) {
        this.streamedBodies = handler;
    }

    /** The connection is open: the idle timeout starts. */
    void start(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        lastActivityNanos = System.nanoTime();
        arm(lastActivityNanos + idleTimeoutNanos);
    }

    /**
     * A read batch ended, {@code messageOpen} when it left a request partly received: the request
     * timeout starts with the first such batch and stops with the batch that completes the request.
     */
    void readComplete(boolean messageOpen) {
        long now = System.nanoTime();
        lastActivityNanos = now;
        if (!messageOpen) {
            requestStartNanos = 0;
        } else if (requestStartNanos == 0) {
            requestStartNanos = now;
        }
        long requestStart = requestStart();
        if (requestStart != 0 && timerDeadline - (requestStart + requestTimeoutNanos) > 0) {
            arm(requestStart + requestTimeoutNanos);
        }
    }

    /** Bytes were written: the connection is not idle. */
    void wrote() {
        lastActivityNanos = System.nanoTime();
    }

    /** A {@code 100 Continue} waits for its turn: the request timeout does not run meanwhile. */
    void continueQueued() {
        continuesPending++;
    }

    /** A {@code 100 Continue} was written: the request timeout restarts, the client's wait for it was not its delay. */
    void continueWritten() {
        continuesPending--;
        long now = System.nanoTime();
        if (requestStartNanos != 0) {
            requestStartNanos = now;
        }
        if (streamedBodies != null) {
            streamedBodies.progressed(now);
        }
    }

    /** A {@code 100 Continue} was dropped, the connection closing first. */
    void continueDropped() {
        continuesPending--;
    }

    /** A request was refused: nothing more is read, so the request timeout no longer runs. */
    void refused() {
        refused = true;
    }

    /** The connection became a WebSocket: HTTP's timeouts no longer apply. */
    void end() {
        ended = true;
        cancel();
    }

    /** Cancels the timer (the connection closed). */
    void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void arm(long deadline) {
        if (ended) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        timerDeadline = deadline;
        timer = ctx.executor().schedule(this::check, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    // Re-armed from the latest activity when it fires, instead of being reset on every read and write.
    private void check() {
        timer = null;
        if (ended || connection.isClosed()) {
            return;
        }
        long now = System.nanoTime();
        long requestStart = requestStart();
        if (requestStart != 0 && now - requestStart >= requestTimeoutNanos) {
            log.info("closing {}: request not received within {} ms", ctx.channel().remoteAddress(),
                    TimeUnit.NANOSECONDS.toMillis(requestTimeoutNanos));
            connection.closeNow();
            return;
        }
        boolean idle = connection.isIdle();
        if (idle && now - lastActivityNanos >= idleTimeoutNanos) {
            log.debug("closing idle connection {}", ctx.channel().remoteAddress());
            connection.closeNow();
            return;
        }
        long next = idle ? lastActivityNanos + idleTimeoutNanos : now + idleTimeoutNanos;
        if (requestStart != 0) {
            next = Math.min(next, requestStart + requestTimeoutNanos);
        }
        arm(next);
    }

    /**
     * Since when the request timeout runs, or 0. For a streamed body it measures the silence since its
     * last bytes, and does not run while reads are paused for a slow handler: a long upload that keeps
     * coming is not cut, a client that stops sending is. Nor does it run while a {@code 100 Continue}
     * waits for its turn, or once a request was refused (nothing more is read; the connection closes
     * after the refusal).
     */
    private long requestStart() {
        if (continuesPending > 0 || refused) {
            return 0;
        }
        if (streamedBodies != null && streamedBodies.receiving()) {
            return streamedBodies.paused() ? 0 : streamedBodies.lastProgressNanos();
        }
        return requestStartNanos;
    }
}
