package io.fasterapi.pg;

/**
 * COMMIT was sent but its answer never came (the connection broke or the deadline passed first): the
 * transaction may or may not have been committed. Deliberately not a {@link PgConnectionException},
 * so retry logic that re-runs transactions on connection failures does not re-apply one that may
 * have committed; check the database (an idempotency key, say) before trying again.
 */
public class TxOutcomeUnknownException extends PgException {
    private static final long serialVersionUID = 1L;

    /** The outcome of COMMIT is unknown because of {@code cause}. */
    public TxOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
