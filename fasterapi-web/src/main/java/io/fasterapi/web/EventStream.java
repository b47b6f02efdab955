package io.fasterapi.web;

import io.fasterapi.web.internal.sse.SsePublisher;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * A Server-Sent Events response ({@code text/event-stream}): return it from a handler (or its
 * {@link #toResponse()}) to stream the events of a {@link Flow.Publisher} to the client.
 *
 * {@snippet :
 * @Get("/prices")
 * public EventStream prices() {
 *     return EventStream.of(priceFeed.subscribeAsEvents()).keepAlive(Duration.ofSeconds(15));
 * }
 * }
 *
 * <ul>
 * <li>Backpressure: the next event is requested only once the previous one was written to the
 *     socket, so a slow client slows the publisher instead of filling memory.</li>
 * <li>Keep-alive: when nothing was sent for {@code keepAlive} (15 s by default), a comment line
 *     {@code ": keep-alive"} is, so proxies do not close an idle stream.</li>
 * <li>The client going away cancels the subscription at once; completing the publisher ends the
 *     response; its failure closes the connection (the client sees a truncated stream and
 *     reconnects).</li>
 * <li>A graceful {@link Server#stop stop} ends the stream at once, cleanly, between two events
 *     (the publisher is cancelled and the chunked body terminated): it does not hold the stop
 *     until its deadline.</li>
 * <li>Sent with {@code Cache-Control: no-cache} and {@code X-Accel-Buffering: no}, never gzipped.</li>
 * </ul>
 *
 * <p>The publisher may call its subscriber from any thread; timers run on the request's event loop.
 * Immutable.
 */
public final class EventStream {
    private static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);

    private final Flow.Publisher<ServerSentEvent> events;
    private final Duration keepAlive;

    private EventStream(Flow.Publisher<ServerSentEvent> events, Duration keepAlive) {
        this.events = events;
        this.keepAlive = keepAlive;
    }

    /** A stream of {@code events}, with a keep-alive comment every 15 idle seconds. */
    public static EventStream of(Flow.Publisher<ServerSentEvent> events) {
        return new EventStream(Objects.requireNonNull(events, "events"), DEFAULT_KEEP_ALIVE);
    }

    /** The same stream sending a keep-alive comment after {@code idle} without events; zero turns it off. */
    public EventStream keepAlive(Duration idle) {
        if (idle.isNegative()) {
            throw new IllegalArgumentException("keepAlive must not be negative, got " + idle);
        }
        return new EventStream(events, idle);
    }

    /** The 200 {@code text/event-stream} response streaming the events. */
    public Response toResponse() {
        return Response.streamFrom("text/event-stream", new SsePublisher(events, keepAlive))
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no")
                .header("Content-Encoding", "identity"); // keeps the compressor from buffering events
    }
}
