package io.fasterapi.pg;

import java.util.Collections;
import java.util.Map;

/**
 * A failure reported by PostgreSQL (an ErrorResponse) or detected by the driver before anything
 * was sent (a bad DSN, a wrong parameter count, an unsupported Java type).
 *
 * <p>Server errors carry every field of the ErrorResponse (protocol section 55.8, "Error and Notice
 * Message Fields"): {@link #code()} is the SQLSTATE, and the common ones have subclasses
 * ({@link UniqueViolationException}, {@link SerializationFailureException}, ...) chosen by SQLSTATE
 * only, never by message text. Client-side errors have a null {@link #code()}, except a string
 * parameter holding a lone UTF-16 surrogate (it has no UTF-8 form): that is refused before anything
 * is sent with 22021, the code the server gives text invalid in its encoding (and a NUL).
 *
 * <p>Messages never contain the connection password.
 */
public class PgException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Map<Character, String> fields;

    /** A client-side error: no SQLSTATE. */
    public PgException(String message) {
        this(message, null, Map.of());
    }

    /** A client-side error with a cause. */
    public PgException(String message, Throwable cause) {
        super(message, cause);
        this.fields = Map.of();
    }

    /**
     * An error with the fields of a server ErrorResponse, keyed by their one-letter field codes
     * ({@code 'C'} SQLSTATE, {@code 'D'} detail, {@code 'H'} hint, {@code 'P'} position, ...).
     */
    public PgException(String message, Throwable cause, Map<Character, String> fields) {
        super(message, cause);
        this.fields = fields == null ? Map.of() : Collections.unmodifiableMap(fields);
    }

    /** The SQLSTATE, or null for an error detected by the driver itself. */
    public String code() {
        return fields.get('C');
    }

    /** The severity (ERROR, FATAL, PANIC), or null. */
    public String severity() {
        String v = fields.get('V');
        return v != null ? v : fields.get('S');
    }

    /** The primary message as the server sent it, or null for a client-side error. */
    public String serverMessage() {
        return fields.get('M');
    }

    /** The DETAIL line, or null. */
    public String detail() {
        return fields.get('D');
    }

    /** The HINT line, or null. */
    public String hint() {
        return fields.get('H');
    }

    /** The 1-based character position of the error in the query string, or 0 when none was sent. */
    public int position() {
        String p = fields.get('P');
        return p == null ? 0 : Integer.parseInt(p);
    }

    /** The schema the error is about, or null. */
    public String schema() {
        return fields.get('s');
    }

    /** The table the error is about, or null. */
    public String table() {
        return fields.get('t');
    }

    /** The column the error is about, or null. */
    public String column() {
        return fields.get('c');
    }

    /** The constraint the error is about, or null. */
    public String constraint() {
        return fields.get('n');
    }

    /** The data type the error is about, or null. */
    public String dataType() {
        return fields.get('d');
    }

    /** The context (call stack of PL functions), or null. */
    public String where() {
        return fields.get('W');
    }

    /** Any field by its protocol code, or null. */
    public String field(char code) {
        return fields.get(code);
    }

    /** Every field the server sent, keyed by protocol field code; empty for client-side errors. */
    public Map<Character, String> fields() {
        return fields;
    }
}
