package io.fasterapi.pg;

import java.util.Objects;

/**
 * How a transaction starts and how often it is re-run: isolation level, read-only, deferrable, and
 * the number of retries on serialization failures (40001) and deadlocks (40P01). Immutable; each
 * {@code with...} method returns a copy.
 *
 * {@snippet :
 * TxOptions reports = TxOptions.of(TxIsolation.SERIALIZABLE).withReadOnly().withDeferrable();
 * long n = pg.tx(reports, tx -> tx.exec("SELECT count(*) FROM orders").scalar(Long.class));
 * }
 *
 * @param isolation  the isolation level, or null for the server's default ({@code default_transaction_isolation})
 * @param readOnly   {@code READ ONLY}: writes fail with 25006
 * @param deferrable {@code DEFERRABLE}: with SERIALIZABLE and READ ONLY, waits for a snapshot that
 *                   can never fail to serialize (ignored otherwise, as by the server)
 * @param retries    how many times {@code tx(...)} re-runs the body after 40001 or 40P01; 0 for none
 */
public record TxOptions(TxIsolation isolation, boolean readOnly, boolean deferrable, int retries) {
    /** The server's default isolation, read-write, no retries. */
    public static final TxOptions DEFAULT = new TxOptions(null, false, false, 0);

    public TxOptions {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, got " + retries);
        }
    }

    /** {@code isolation}, read-write, no retries. */
    public static TxOptions of(TxIsolation isolation) {
        return new TxOptions(Objects.requireNonNull(isolation, "isolation"), false, false, 0);
    }

    /** A copy that is {@code READ ONLY}. */
    public TxOptions withReadOnly() {
        return new TxOptions(isolation, true, deferrable, retries);
    }

    /** A copy that is {@code DEFERRABLE}. */
    public TxOptions withDeferrable() {
        return new TxOptions(isolation, readOnly, true, retries);
    }

    /** A copy with {@code n} retries. */
    public TxOptions withRetries(int n) {
        return new TxOptions(isolation, readOnly, deferrable, n);
    }

    /** The {@code BEGIN} statement these options stand for. */
    public String beginSql() {
        StringBuilder sb = new StringBuilder("BEGIN");
        if (isolation != null) {
            sb.append(" ISOLATION LEVEL ").append(isolation.sql());
        }
        if (readOnly) {
            sb.append(" READ ONLY");
        }
        if (deferrable) {
            sb.append(" DEFERRABLE");
        }
        return sb.toString();
    }
}
