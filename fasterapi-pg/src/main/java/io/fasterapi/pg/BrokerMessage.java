package io.fasterapi.pg;

/**
 * One message of a {@link PgBroker} channel as a subscriber receives it, or a gap marker.
 *
 * <p>Messages of a channel carry consecutive sequence numbers ({@code seq}, 1, 2, 3, ... per
 * channel, across every publisher and application instance), in the order the publishing
 * transactions committed; a subscriber receives them in that order, each once. A gap marker
 * ({@code gap() == true}, empty payload) stands where messages could not be delivered: they were
 * dropped because this subscriber fell more than its buffer behind, or their stored copies were
 * already removed by the broker's retention when it tried to catch up. Its {@code seq} is that of
 * the last message delivered before it (0 when none was); {@code missed} says how many were lost
 * when the broker knows (0 when it does not).
 *
 * @param channel the channel, as given to {@link PgBroker#publish}
 * @param seq     the message's sequence number in its channel; for a gap marker, the one before the gap
 * @param payload the text published ("" for a gap marker)
 * @param gap     true for a gap marker
 * @param missed  for a gap marker, how many messages were lost if known, else 0; 0 for a message
 */
public record BrokerMessage(String channel, long seq, String payload, boolean gap, long missed) {
    /** A message published on {@code channel} with sequence number {@code seq}. */
    public static BrokerMessage of(String channel, long seq, String payload) {
        return new BrokerMessage(channel, seq, payload, false, 0);
    }

    /** A gap marker after the message numbered {@code lastSeq}, {@code missed} messages lost (0: unknown). */
    public static BrokerMessage gap(String channel, long lastSeq, long missed) {
        return new BrokerMessage(channel, lastSeq, "", true, missed);
    }
}
