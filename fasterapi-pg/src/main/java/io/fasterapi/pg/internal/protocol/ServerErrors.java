package io.fasterapi.pg.internal.protocol;

import io.fasterapi.pg.AdminShutdownException;
import io.fasterapi.pg.CheckViolationException;
import io.fasterapi.pg.DeadlockDetectedException;
import io.fasterapi.pg.ForeignKeyViolationException;
import io.fasterapi.pg.InvalidPasswordException;
import io.fasterapi.pg.NotNullViolationException;
import io.fasterapi.pg.PgCanceledException;
import io.fasterapi.pg.PgConnectionException;
import io.fasterapi.pg.PgException;
import io.fasterapi.pg.SerializationFailureException;
import io.fasterapi.pg.SyntaxErrorException;
import io.fasterapi.pg.UndefinedTableException;
import io.fasterapi.pg.UniqueViolationException;
import java.util.Map;

/** Turns ErrorResponse fields into the exception class of their SQLSTATE (never by message text). */
public final class ServerErrors {
    private ServerErrors() {
    }

    /** The exception for an ErrorResponse; FATAL and PANIC errors are connection failures. */
    public static PgException toException(Map<Character, String> fields) {
        return toException(fields, "");
    }

    /** As {@link #toException(Map)}, with {@code prefix} ahead of the message (a batch names its failing row so). */
    public static PgException toException(Map<Character, String> fields, String prefix) {
        String code = fields.getOrDefault('C', "XX000");
        String severity = fields.getOrDefault('V', fields.getOrDefault('S', "ERROR"));
        String message = prefix + severity + ": " + fields.getOrDefault('M', "(no message)") + " (SQLSTATE " + code + ")";
        String detail = fields.get('D');
        if (detail != null) {
            message += "\n  Detail: " + detail;
        }
        String hint = fields.get('H');
        if (hint != null) {
            message += "\n  Hint: " + hint;
        }
        return switch (code) {
            case "23505" -> new UniqueViolationException(message, null, fields);
            case "23503" -> new ForeignKeyViolationException(message, null, fields);
            case "23502" -> new NotNullViolationException(message, null, fields);
            case "23514" -> new CheckViolationException(message, null, fields);
            case "40001" -> new SerializationFailureException(message, null, fields);
            case "40P01" -> new DeadlockDetectedException(message, null, fields);
            case "42P01" -> new UndefinedTableException(message, null, fields);
            case "42601" -> new SyntaxErrorException(message, null, fields);
            case "57014" -> new PgCanceledException(message, null, fields);
            case "57P01" -> new AdminShutdownException(message, null, fields);
            case "28P01" -> new InvalidPasswordException(message, null, fields);
            default -> isFatal(severity) || code.startsWith("08") || code.equals("57P02") || code.equals("57P03")
                    ? new PgConnectionException(message, null, fields)
                    : new PgException(message, null, fields);
        };
    }

    static boolean isFatal(String severity) {
        return severity.equals("FATAL") || severity.equals("PANIC");
    }
}
