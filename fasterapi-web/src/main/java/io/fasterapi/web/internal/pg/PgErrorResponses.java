package io.fasterapi.web.internal.pg;

import io.fasterapi.pg.PgConnectionException;
import io.fasterapi.pg.PgException;
import io.fasterapi.pg.PgTimeoutException;
import io.fasterapi.web.Response;
import java.util.Map;

/**
 * The default response to each {@link PgException} (the table is in {@code PgDepends}' Javadoc).
 * Bodies are fixed texts: never the SQL, the server's message, detail, hint or constraint, and never
 * a stack trace; the log has those. Loaded only once a pg exception was thrown (see
 * {@code PgErrorBridge}). Any thread.
 */
public final class PgErrorResponses {
    /** How long a client should wait before retrying a transient failure, in seconds. */
    static final String RETRY_AFTER = "1";

    private PgErrorResponses() {
    }

    /** The response for {@code failure}, which must be a {@link PgException}. */
    public static Response toResponse(Throwable failure) {
        PgException e = (PgException) failure;
        if (e instanceof PgTimeoutException) {
            return error(504, "Gateway Timeout: the database did not answer in time");
        }
        String code = e.code();
        if (e instanceof PgConnectionException && (code == null || code.startsWith("08") || code.startsWith("57P"))) {
            return unavailable();
        }
        if (code == null) {
            return error(500, "Internal Server Error");
        }
        return switch (code) {
            case "23505" -> error(409, "Conflict: the resource already exists");
            case "23503" -> error(409, "Conflict: the resource references, or is referenced by, another one");
            case "23502", "23514", "23P01" -> error(400, "Bad Request: the data violates a database constraint");
            case "40001", "40P01" -> error(503, "Service Unavailable: concurrent update, retry the request")
                    .header("Retry-After", RETRY_AFTER);
            case "57014" -> error(504, "Gateway Timeout: the database did not answer in time");
            case "53300", "57P01", "57P02", "57P03" -> unavailable();
            default -> code.startsWith("22") ? error(400, "Bad Request: the data is invalid for the database")
                    : code.startsWith("08") ? unavailable()
                    : error(500, "Internal Server Error");
        };
    }

    private static Response unavailable() {
        return error(503, "Service Unavailable: the database is unavailable").header("Retry-After", RETRY_AFTER);
    }

    private static Response error(int status, String detail) {
        return Response.json(status, Map.of("detail", detail));
    }
}
