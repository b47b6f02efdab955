package io.fasterapi.pg;

/**
 * A NOTIFY delivered to a {@link Pg#listen listener}.
 *
 * @param processId backend process that sent it
 * @param channel   channel name
 * @param payload   payload ("" when none)
 */
public record PgNotification(int processId, String channel, String payload) {
}
