package io.fasterapi.pg.internal.broker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The broker's statements for one schema, and the NOTIFY channel and payload formats.
 *
 * <p>A publish is one statement: it takes the channel's next sequence number on its counter row
 * (the row stays locked until commit, so the publishers of one channel commit in number order and
 * NOTIFY, which PostgreSQL delivers in commit order, delivers in number order), stores the message,
 * and NOTIFYs {@code "<seq>:<payload>"} when that fits the server's limit (a payload must be
 * shorter than 8000 bytes: 19 digits, a colon and {@value #INLINE_MAX_BYTES} bytes do), else just
 * {@code "<seq>"}, a reference subscribers read from the table.
 */
final class BrokerSql {
    /** The largest payload sent inside the NOTIFY, in bytes of the server's encoding. */
    static final int INLINE_MAX_BYTES = 7999 - 20;
    /** PostgreSQL's identifier limit (NAMEDATALEN - 1): longer NOTIFY channel names are refused. */
    private static final int MAX_CHANNEL_BYTES = 63;

    final String schema;
    final String setup;
    final String publish;
    /** {@link #publish} with the transaction's commit not waiting for the WAL flush. */
    final String publishAsyncCommit;
    final String counter;
    final String fetch;
    final String replay;
    final String sweep;

    BrokerSql(String schema) {
        this.schema = schema;
        String s = quoteIdent(schema);
        String channels = s + ".fasterapi_broker_channels";
        String messages = s + ".fasterapi_broker_messages";
        setup = "CREATE SCHEMA IF NOT EXISTS " + s + ";\n"
                + "CREATE TABLE IF NOT EXISTS " + channels
                + " (channel text PRIMARY KEY, seq bigint NOT NULL);\n"
                + "CREATE TABLE IF NOT EXISTS " + messages
                + " (channel text NOT NULL, seq bigint NOT NULL, payload text NOT NULL,"
                + " published_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (channel, seq));\n"
                + "CREATE INDEX IF NOT EXISTS fasterapi_broker_messages_published_at ON " + messages
                + " (published_at)";
        publish = publish(channels, messages, "");
        // set_config(..., true) is SET LOCAL: it changes only this statement's implicit transaction,
        // whose commit reads the setting.
        publishAsyncCommit = publish(channels, messages, ", (SELECT set_config('synchronous_commit', 'off', true)) s");
        counter = "SELECT coalesce((SELECT seq FROM " + channels + " WHERE channel = $1::text), 0)";
        // Rows of [from, to] in order, while the payloads before a row stay under a byte budget
        // ($4); total says how many the range holds, so a cut is told apart from deleted rows.
        fetch = "SELECT seq, payload, total FROM (SELECT seq, payload, count(*) OVER () AS total,"
                + " sum(octet_length(payload)) OVER (ORDER BY seq) - octet_length(payload) AS before"
                + " FROM " + messages + " WHERE channel = $1::text AND seq BETWEEN $2::int8 AND $3::int8) x"
                + " WHERE before < $4::int8 ORDER BY seq";
        replay = "SELECT seq, payload FROM (SELECT seq, payload FROM " + messages
                + " WHERE channel = $1::text AND seq > $2::int8 AND seq <= $3::int8 ORDER BY seq DESC LIMIT $4::int8) x"
                + " ORDER BY seq";
        sweep = "WITH l AS (SELECT pg_try_advisory_xact_lock(hashtext($3::text)) AS got),"
                + " d AS (DELETE FROM " + messages + " m WHERE (SELECT got FROM l) AND"
                + " (m.published_at < now() - make_interval(secs => $1::float8)"
                + " OR m.seq <= (SELECT c.seq FROM " + channels + " c WHERE c.channel = m.channel) - $2::int8)"
                + " RETURNING 1) SELECT count(*) FROM d";
    }

    private static String publish(String channels, String messages, String alsoFrom) {
        return "WITH c AS (INSERT INTO " + channels + " AS c (channel, seq) VALUES ($1::text, 1)"
                + " ON CONFLICT (channel) DO UPDATE SET seq = c.seq + 1 RETURNING c.seq),"
                + " m AS (INSERT INTO " + messages + " (channel, seq, payload) SELECT $1::text, c.seq, $2::text FROM c)"
                + " SELECT c.seq, pg_notify($3::text, CASE WHEN octet_length($2::text) <= " + INLINE_MAX_BYTES
                + " THEN c.seq || ':' || $2::text ELSE c.seq::text END) FROM c" + alsoFrom;
    }

    /** The advisory-lock key text for this schema's setup and sweeps. */
    String lockKey() {
        return "fasterapi_broker:" + schema;
    }

    /**
     * The NOTIFY channel of a broker channel: {@code schema:channel} when that fits PostgreSQL's 63
     * bytes, else {@code #} and 62 hex digits of its SHA-256. The schema is part of the name, so
     * brokers in two schemas of one database keep their numbers apart.
     */
    String notifyChannel(String channel) {
        String name = schema + ":" + channel;
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_CHANNEL_BYTES) {
            return name;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return "#" + HexFormat.of().formatHex(digest).substring(0, MAX_CHANNEL_BYTES - 1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String quoteIdent(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
