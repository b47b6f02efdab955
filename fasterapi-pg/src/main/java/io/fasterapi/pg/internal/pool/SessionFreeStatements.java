package io.fasterapi.pg.internal.pool;

import io.fasterapi.pg.PreparedQuery;
import io.fasterapi.pg.internal.sql.SqlText;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which statements can run on any connection of a shard, pipelined with other requests' statements,
 * instead of on a session of their own: a single autocommit statement that reads or writes tables and
 * leaves nothing behind in the session. Conservative by construction: a statement is session-free only when
 * its first keyword is one of a short list of data statements and its text names none of the functions or
 * words that keep state in a session (temporary tables, settings, advisory locks, sequence values read
 * back later in the session). Everything else (BEGIN, SET, LISTEN, PREPARE, DECLARE, LOCK, several
 * statements, ...) needs a session; a false "needs a session" only costs speed, never correctness.
 *
 * <p>The same rules as PgBouncer's transaction pooling, decided per statement. Stateless; any thread.
 */
public final class SessionFreeStatements {

    private static final String[] DATA_KEYWORDS = {"select", "insert", "update", "delete", "with", "values",
            "table", "merge"};

    /** Words (lower case, anywhere in the text) that may leave state in the session or read it back. */
    private static final String[] SESSION_WORDS = {"temp", "set_config", "advisory", "nextval", "currval",
            "lastval", "pg_backend_pid", "dblink", "pg_notify", "listen"};

    /** Answers for prepared statements, declared once and run often; bounded, since nothing evicts. */
    private static final ConcurrentHashMap<String, Boolean> PREPARED = new ConcurrentHashMap<>();
    private static final int PREPARED_LIMIT = 4096;

    private SessionFreeStatements() {
    }

    /** As {@link #sessionFree(String)}, remembered per statement text. */
    public static boolean sessionFree(PreparedQuery query) {
        String sql = query.sql();
        Boolean known = PREPARED.get(sql);
        if (known != null) {
            return known;
        }
        boolean free = sessionFree(sql);
        if (PREPARED.size() < PREPARED_LIMIT) {
            PREPARED.put(sql, free);
        }
        return free;
    }

    /** True when {@code sql} is one data statement that keeps no state in the session. */
    public static boolean sessionFree(String sql) {
        int start = SqlText.skipBlanksAndComments(sql, 0, sql.length(), ';');
        if (start < 0) {
            return false;
        }
        if (!startsWithDataKeyword(sql, start)) {
            return false;
        }
        if (hasSecondStatement(sql, start)) {
            return false;
        }
        String lower = sql.toLowerCase(Locale.ROOT);
        for (String word : SESSION_WORDS) {
            if (lower.contains(word)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithDataKeyword(String sql, int start) {
        int end = start;
        while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
            end++;
        }
        for (String keyword : DATA_KEYWORDS) {
            if (keyword.length() == end - start && sql.regionMatches(true, start, keyword, 0, keyword.length())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A semicolon followed by anything but space and comments: a second statement (only the simple query
     * protocol runs those, but a statement list is a session's business either way). Semicolons inside
     * string literals or quoted identifiers count too: conservative, not a parser.
     */
    private static boolean hasSecondStatement(String sql, int from) {
        int semicolon = sql.indexOf(';', from);
        while (semicolon >= 0) {
            if (SqlText.skipBlanksAndComments(sql, semicolon + 1, sql.length(), ';') >= 0) {
                return true;
            }
            semicolon = sql.indexOf(';', semicolon + 1);
        }
        return false;
    }
}
