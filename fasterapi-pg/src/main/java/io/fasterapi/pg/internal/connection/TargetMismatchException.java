package io.fasterapi.pg.internal.connection;

import io.fasterapi.pg.PgConnectionException;

/**
 * A login reached a server that does not match {@code target_session_attrs}: the host is up, only not
 * the kind wanted, so {@link HostHealth} does not mark it down.
 */
final class TargetMismatchException extends PgConnectionException {
    TargetMismatchException(String message) {
        super(message);
    }
}
