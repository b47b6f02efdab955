package io.fasterapi.pg.internal.config;

import io.fasterapi.pg.PgConnectionException;
import io.fasterapi.pg.PgException;
import io.fasterapi.pg.internal.sql.SqlText;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What {@code pooler=transaction} means: the DSN names a pooler in transaction mode (PgBouncer's
 * {@code pool_mode=transaction}, and the poolers that copy it), which lends a server connection to a
 * client for one transaction, or for one unit up to a Sync outside one, and then to another client.
 * Nothing a session keeps survives that, so the driver refuses the statements that would leave state
 * in a server session for a later transaction (a clear error instead of a setting or a lock that
 * silently lands on someone else's connection), and it explains the errors a pooler causes when the
 * setting is missing. The rules are PgBouncer's table of features by pool mode
 * ({@code docs/pgbouncer.md} has it with what the driver does for each).
 *
 * <p>Refused in this mode, in a transaction or not: {@code SET} and {@code RESET} of a session setting
 * ({@code SET LOCAL}, {@code SET TRANSACTION} and {@code SET CONSTRAINTS} are a transaction's and pass),
 * {@code LISTEN}, SQL-level {@code PREPARE}, {@code DECLARE ... WITH HOLD}, session advisory locks
 * ({@code pg_advisory_lock}, {@code pg_try_advisory_lock} and their {@code _shared}/unlock forms; the
 * {@code _xact_} ones pass), and temporary tables other than {@code ON COMMIT DROP} ones. The check
 * reads the statement's first keyword and looks for those function names; what it cannot see is state
 * a function keeps behind a name it does not show (a user function calling {@code set_config}).
 *
 * <p>Stateless; any thread.
 */
public final class TransactionPooling {
    /** The DSN key and value that turn this mode on, for messages. */
    public static final String SETTING = "pooler=transaction";
    /** CREATE [LOCAL | GLOBAL] TEMP[ORARY] ..., on the lower-cased statement. */
    private static final Pattern TEMP_TABLE = Pattern.compile("create\\s+((local|global)\\s+)?temp(orary)?\\s");

    private TransactionPooling() {
    }

    /** The {@code pooler} key's value: {@code transaction} true; {@code none} or {@code session} false. */
    static boolean parseDsnValue(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "transaction" -> true;
            case "none", "session" -> false;
            case "statement" -> throw new PgException("invalid DSN: pooler=statement is not supported: a pooler in"
                    + " statement mode refuses transactions, which this driver's pool and Pg.tx need; use"
                    + " PgBouncer's transaction mode and pooler=transaction");
            default -> throw new PgException("invalid DSN: pooler must be none, session or transaction, got '" + v + "'");
        };
    }

    /** Null when {@code sql}, one statement, can run through a transaction pooler, else why it is refused. */
    public static String refusal(String sql) {
        return refusalOfOne(sql, 0, sql.length());
    }

    /**
     * As {@link #refusal} for a text of several statements ({@code Pg.script}), checked statement by
     * statement at each semicolon (one inside a string literal splits it too: a piece after it that
     * starts with {@code SET} is refused, which costs a false refusal, never a silent misbehaviour).
     */
    public static String refusalOfScript(String sql) {
        int from = 0;
        while (from < sql.length()) {
            int semicolon = sql.indexOf(';', from);
            int end = semicolon < 0 ? sql.length() : semicolon;
            String why = refusalOfOne(sql, from, end);
            if (why != null) {
                return why;
            }
            from = end + 1;
        }
        return null;
    }

    private static String refusalOfOne(String sql, int from, int end) {
        int start = SqlText.skipBlanksAndComments(sql, from, end, '(');
        if (start < 0) {
            return null;
        }
        String first = word(sql, start, end);
        String second = word(sql, SqlText.skipBlanksAndComments(sql, start + first.length(), end, '('), end);
        String text = sql.substring(start, end).toLowerCase(Locale.ROOT);
        switch (first) {
            case "set" -> {
                if (!second.equals("local") && !second.equals("transaction") && !second.equals("constraints")) {
                    return refused("SET of a session setting", "it stays on the server connection the pooler lends next to"
                            + " another client, and this client's next transaction may run elsewhere",
                            "SET LOCAL inside a transaction (Pg.tx), or a default for the role or the database"
                                    + " (ALTER ROLE ... SET, ALTER DATABASE ... SET)");
                }
            }
            case "reset" -> {
                return refused("RESET", "it changes the server connection the pooler lends next to another client",
                        "SET LOCAL inside a transaction instead of session settings");
            }
            case "listen" -> {
                return listenRefusal();
            }
            case "prepare" -> {
                return refused("PREPARE", "a prepared statement stays on one server connection, and the next EXECUTE"
                        + " may run on another", "Pg.run with a PreparedQuery (the driver sends it unnamed)");
            }
            case "declare" -> {
                if (text.contains("with hold")) {
                    return refused("DECLARE ... WITH HOLD", "a cursor held past its transaction stays on a server"
                            + " connection this client may not get back", "a cursor without HOLD inside a transaction,"
                            + " or Pg.stream inside Pg.tx");
                }
            }
            case "create" -> {
                if (TEMP_TABLE.matcher(text).lookingAt() && !text.contains("on commit drop")) {
                    return refused("a temporary table", "it stays on one server connection, which the pooler lends to"
                            + " other clients after the transaction", "CREATE TEMP TABLE ... ON COMMIT DROP inside a"
                            + " transaction (Pg.tx)");
                }
            }
            default -> { }
        }
        if (text.contains("pg_advisory_lock") || text.contains("pg_try_advisory_lock")
                || text.contains("pg_advisory_unlock")) {
            return refused("a session advisory lock", "it is held by a server connection the pooler lends to other"
                    + " clients, and this client's unlock may run on another one", "pg_advisory_xact_lock inside a"
                    + " transaction (Pg.tx): released at its end");
        }
        return null;
    }

    /** Why LISTEN (and {@code Pg.listen}, {@code PgPool.listen}) is refused. */
    public static String listenRefusal() {
        return refused("LISTEN", "notifications arrive on the server connection that ran it, which the pooler lends"
                + " to other clients (PgBouncer drops them)", "a pool without " + SETTING
                + " whose DSN names PostgreSQL itself, for PgPool.listen");
    }

    private static String refused(String what, String why, String instead) {
        return what + " cannot work through a pooler in transaction mode (" + SETTING + "): " + why + ". Use " + instead
                + ".";
    }

    /**
     * {@code error} with a hint naming the setting when it is how a transaction pooler makes a named
     * prepared statement fail ({@code 26000} "prepared statement ... does not exist" or {@code 42P05}
     * "already exists" for a statement the driver prepared, whose name it knows: the pooler ran the Bind
     * or the Parse on another server connection); else {@code error} itself.
     */
    public static PgException explain(PgException error, String statementName) {
        String code = error.code();
        if (statementName == null || statementName.isEmpty() || !("26000".equals(code) || "42P05".equals(code))) {
            return error;
        }
        return new PgException(error.getMessage() + "\n  Hint (driver): the statement \"" + statementName
                + "\" the driver prepared on this connection was not found where it left it, or met another client's"
                + " of that name: a pooler in transaction mode (PgBouncer's pool_mode=transaction) sits between and"
                + " runs each transaction on any of its server connections. Add " + SETTING + " to the connection"
                + " string (it turns the statement cache off and refuses session features); with PgBouncer 1.21+"
                + " and its max_prepared_statements on, " + SETTING + "&statement_cache_size=256 keeps the cache",
                error, error.fields());
    }

    /**
     * {@code error}, a login's, with a hint when a pooler refused a startup parameter it does not know
     * (PgBouncer: {@code unsupported startup parameter: options}, SQLSTATE 08P01): the DSN's {@code options}
     * or a server setting given as a key; else {@code error} itself.
     */
    public static PgException explainLoginError(PgException error) {
        String message = error.serverMessage();
        if (message == null || !message.startsWith("unsupported startup parameter")) {
            return error;
        }
        String explained = error.getMessage() + "\n  Hint (driver): a pooler (PgBouncer) refuses startup parameters"
                + " it does not know: drop options (and other server settings) from the connection string, or list them"
                + " in the pooler's ignore_startup_parameters (it then drops them); set them with ALTER ROLE ... SET";
        return error instanceof PgConnectionException ? new PgConnectionException(explained, error, error.fields())
                : new PgException(explained, error, error.fields());
    }

    private static String word(String sql, int start, int end) {
        if (start < 0) {
            return "";
        }
        int i = start;
        while (i < end && (Character.isLetter(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        return sql.substring(start, i).toLowerCase(Locale.ROOT);
    }
}
