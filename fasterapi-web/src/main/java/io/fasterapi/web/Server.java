package io.fasterapi.web;

import java.time.Duration;

/**
 * A running HTTP server, returned by {@link App#start(int)}. Closing it is {@code stop} with the
 * default deadline.
 */
public interface Server extends AutoCloseable {
    /** The port the server listens on (the chosen one when started on port 0). */
    int port();

    /**
     * Stops gracefully: {@code /ready} answers 503 from the first moment; for
     * {@link ServerOptions.Builder#drainDelay} (zero by default) the server goes on serving as before,
     * so that a load balancer polling {@code /ready} stops sending it requests; then it stops
     * accepting and lets in-flight requests finish (idle keep-alive connections are closed at once,
     * busy ones once every request they had received is answered, open WebSockets with close code
     * 1001 Going Away). An open {@link EventStream}, endless by nature, is ended at once and cleanly
     * (its publisher cancelled, the chunked body terminated between two events, so the client sees a
     * complete response and may reconnect elsewhere); other streamed bodies ({@link Response#stream},
     * {@link Response#streamFrom}) are finite downloads and run on until they end. What is left at
     * {@code deadline} (counted from the end of the drain delay) is closed; then the shutdown hooks run, and the reactor stops if the app
     * created it. Blocks until done; not on an event loop. Idempotent.
     */
    void stop(Duration deadline);

    /**
     * {@link #stop(Duration)} with this drain delay instead of the options' one: {@code Duration.ZERO}
     * for a stop that needs no load balancer to notice it first (a test's server, a second stop of a
     * process already out of rotation).
     */
    void stop(Duration drainDelay, Duration deadline);

    /** Blocks until the server has stopped. */
    void awaitStop() throws InterruptedException;

    /** {@link #stop(Duration)} with a 10 second deadline. */
    @Override
    void close();
}
