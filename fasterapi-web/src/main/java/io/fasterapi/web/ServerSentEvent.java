package io.fasterapi.web;

import java.time.Duration;
import java.util.Objects;

/**
 * One Server-Sent Event (HTML Living Standard, "Server-sent events"): optional {@code event} type,
 * {@code id} and {@code retry}, and data. String data is sent as it is (split into one
 * {@code data:} line per line); any other value is encoded as JSON. Immutable; the {@code with}
 * methods return copies.
 *
 * {@snippet :
 * ServerSentEvent.of(new Price("ACME", 12.5)).withEvent("price").withId("42")
 * }
 */
public final class ServerSentEvent {
    private final Object data;
    private final String event;
    private final String id;
    private final Duration retry;
    private final String comment;

    private ServerSentEvent(Object data, String event, String id, Duration retry, String comment) {
        this.data = data;
        this.event = event;
        this.id = id;
        this.retry = retry;
        this.comment = comment;
    }

    /** An event carrying {@code data}: a {@code String} as it is, anything else as JSON. */
    public static ServerSentEvent of(Object data) {
        return new ServerSentEvent(Objects.requireNonNull(data, "data"), null, null, null, null);
    }

    /** A comment line ({@code ": text"}), which clients ignore; keeps idle connections open. */
    public static ServerSentEvent comment(String text) {
        return new ServerSentEvent(null, null, null, null, singleLine("comment", text));
    }

    /** This event with type {@code event} (the client's {@code addEventListener(event, ...)}). */
    public ServerSentEvent withEvent(String event) {
        return new ServerSentEvent(data, singleLine("event", event), id, retry, comment);
    }

    /** This event with {@code id}, which the client sends back as {@code Last-Event-ID} when it reconnects. */
    public ServerSentEvent withId(String id) {
        return new ServerSentEvent(data, event, singleLine("id", id), retry, comment);
    }

    /** This event telling the client to wait {@code retry} before reconnecting. */
    public ServerSentEvent withRetry(Duration retry) {
        return new ServerSentEvent(data, event, id, Objects.requireNonNull(retry, "retry"), comment);
    }

    /** The data (null for a comment). */
    public Object data() {
        return data;
    }

    /** The event type, or null. */
    public String event() {
        return event;
    }

    /** The id, or null. */
    public String id() {
        return id;
    }

    /** The reconnection delay, or null. */
    public Duration retry() {
        return retry;
    }

    /** The comment text, or null when this is an event. */
    public String commentText() {
        return comment;
    }

    private static String singleLine(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(what + " must be one line: " + value);
        }
        if (what.equals("id") && value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("id must not contain NUL");
        }
        return value;
    }

    @Override
    public String toString() {
        return comment != null ? "ServerSentEvent[: " + comment + "]" : "ServerSentEvent[" + event + ", " + data + "]";
    }
}
