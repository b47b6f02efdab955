package io.fasterapi.web.internal.pg;

import io.fasterapi.pg.BrokerMessage;
import io.fasterapi.pg.BrokerSubscription;
import io.fasterapi.pg.PgBroker;
import io.fasterapi.web.WebSocket;
import io.fasterapi.web.WebSocketHandler;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The WebSocket endpoint of {@code PgEventStreams.websocket} and {@code chat}: one broker
 * subscription per connection, opened with it and closed with it. Messages are sent from the
 * subscription's virtual thread, each once the previous was written, so a slow client backs up
 * into its bounded broker buffer; a gap closes the socket with 1013.
 */
public final class ChannelSocket implements WebSocketHandler {
    /** RFC 6455 §7.4.1 "Try Again Later" (IANA registry): the client should reconnect and reload. */
    static final int TRY_AGAIN_LATER = 1013;

    private final PgBroker broker;
    private final Function<WebSocket, String> channelOf;
    private final boolean publishIncoming;
    private final Map<WebSocket, BrokerSubscription> subscriptions = new ConcurrentHashMap<>();

    public ChannelSocket(PgBroker broker, Function<WebSocket, String> channelOf, boolean publishIncoming) {
        this.broker = Objects.requireNonNull(broker, "broker");
        this.channelOf = Objects.requireNonNull(channelOf, "channelOf");
        this.publishIncoming = publishIncoming;
    }

    @Override
    public void onOpen(WebSocket ws) {
        subscriptions.put(ws, broker.subscribe(channelOf.apply(ws), m -> send(ws, m)));
    }

    private void send(WebSocket ws, BrokerMessage m) {
        if (!ws.isOpen()) {
            return;
        }
        if (m.gap()) {
            ws.close(TRY_AGAIN_LATER, "messages were missed; reconnect");
            return;
        }
        try {
            ws.sendText(m.payload()).toCompletableFuture().join();
        } catch (CompletionException e) {
            // The connection closed meanwhile: onClose ends the subscription.
        }
    }

    @Override
    public void onText(WebSocket ws, String text) {
        if (publishIncoming) {
            broker.publish(channelOf.apply(ws), text);
        }
    }

    @Override
    public void onClose(WebSocket ws, int code, String reason) {
        BrokerSubscription s = subscriptions.remove(ws);
        if (s != null) {
            s.close();
        }
    }
}
