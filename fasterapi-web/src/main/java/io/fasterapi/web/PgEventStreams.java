package io.fasterapi.web;

import io.fasterapi.pg.BrokerMessage;
import io.fasterapi.pg.PgBroker;
import io.fasterapi.web.internal.pg.BrokerEvents;
import io.fasterapi.web.internal.pg.ChannelSocket;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Streams a {@link PgBroker} channel to HTTP clients, whichever application instance they reach:
 * as Server-Sent Events or over a WebSocket. FastAPI's chat room with {@code broadcaster}, in two lines:
 *
 * {@snippet :
 * PgBroker broker = PgBroker.builder(pool).schema("events").build();
 * app.get("/rooms/{room}/events", req -> PgEventStreams.sse(broker, "room:" + req.pathParam("room"), req));
 * app.websocket("/rooms/{room}", PgEventStreams.chat(broker, ws -> "room:" + ws.pathParam("room")));
 * }
 *
 * <p>Server-Sent Events: each message is an event whose {@code id} is its sequence number and whose
 * data is the payload as published; a gap marker is an event of type {@code gap} whose data is
 * {@code {"after": <seq>, "missed": <n>}} ({@code missed} 0 when unknown), which
 * {@code EventSource.onmessage} does not see: listen with {@code addEventListener("gap", ...)} to
 * reload. A browser that reconnects sends the last id it saw as {@code Last-Event-ID}; given the
 * request, the stream resumes after it from the broker's table (while retention keeps it), so a
 * dropped connection, or a stream ended by {@link PgBroker.Overflow#DISCONNECT}, loses nothing.
 *
 * <p>WebSockets: each payload is sent as a text message, in order, the next once the previous was
 * written (a slow client fills its buffer in the broker, not memory here). A gap marker closes the
 * socket with 1013 (try again later): the client reconnects and reloads what it shows.
 */
public final class PgEventStreams {
    private PgEventStreams() {
    }

    /** The channel's messages from now on, as Server-Sent Events. */
    public static EventStream sse(PgBroker broker, String channel) {
        return sse(broker, channel, PgBroker.NOW);
    }

    /**
     * The channel's messages as Server-Sent Events, after the request's {@code Last-Event-ID}
     * when it is a sequence number (a reconnecting client's), else from now on.
     */
    public static EventStream sse(PgBroker broker, String channel, Request request) {
        return sse(broker, channel, lastEventId(request.header("Last-Event-ID")));
    }

    /** The channel's messages after {@code afterSeq} ({@link PgBroker#NOW}: from now on), as Server-Sent Events. */
    public static EventStream sse(PgBroker broker, String channel, long afterSeq) {
        Objects.requireNonNull(broker, "broker");
        return EventStream.of(new BrokerEvents<>(broker.stream(channel, afterSeq), PgEventStreams::event));
    }

    /** The event a message becomes in {@link #sse}. */
    static ServerSentEvent event(BrokerMessage m) {
        if (m.gap()) {
            return ServerSentEvent.of(Map.of("after", m.seq(), "missed", m.missed())).withEvent("gap");
        }
        return ServerSentEvent.of(m.payload()).withId(Long.toString(m.seq()));
    }

    static long lastEventId(String header) {
        if (header == null || header.isEmpty() || header.length() > 19) {
            return PgBroker.NOW;
        }
        for (int i = 0; i < header.length(); i++) {
            if (header.charAt(i) < '0' || header.charAt(i) > '9') {
                return PgBroker.NOW;
            }
        }
        return Long.parseLong(header);
    }

    /**
     * A WebSocket endpoint that sends the messages of the channel {@code channelOf} names for each
     * connection (from its path, query or headers), from the moment it opened.
     */
    public static WebSocketHandler websocket(PgBroker broker, Function<WebSocket, String> channelOf) {
        return new ChannelSocket(broker, channelOf, false);
    }

    /**
     * As {@link #websocket}, and each text message a client sends is published on its channel,
     * to every client of the channel on every instance (the sender included).
     */
    public static WebSocketHandler chat(PgBroker broker, Function<WebSocket, String> channelOf) {
        return new ChannelSocket(broker, channelOf, true);
    }
}
