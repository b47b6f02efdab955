package io.fasterapi.pg;

/**
 * A NOTIFY delivered to a listener ({@link Pg#listen} or {@link PgPool#listen}), or a gap marker.
 *
 * <p>A gap marker ({@code gap() == true}, process id 0, empty payload) is delivered by
 * {@link PgPool#listen} after its connection was lost and LISTEN re-established: notifications sent
 * in between were not received. A handler that keeps state in step with NOTIFYs should reload it
 * from the tables then.
 *
 * @param processId backend process that sent it (0 for a gap marker)
 * @param channel   channel name
 * @param payload   payload ("" when none)
 * @param gap       true for the marker that notifications may have been lost before it
 */
public record PgNotification(int processId, String channel, String payload, boolean gap) {
    /** A notification as received from the server. */
    public PgNotification(int processId, String channel, String payload) {
        this(processId, channel, payload, false);
    }
}
