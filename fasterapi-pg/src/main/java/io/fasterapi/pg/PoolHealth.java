package io.fasterapi.pg;

import java.time.Instant;

/**
 * The pool's view of its database, from its health probes ({@link PgPool#checkHealth()}): when the
 * database last answered a probe, when a probe last failed and why. A snapshot; immutable.
 *
 * @param up          whether the latest probe succeeded (false before the first probe)
 * @param lastSuccess when a probe last got its answer, or null if none has yet
 * @param lastFailure when a probe last failed (no answer within its timeout, no connection), or null
 * @param failure     why that probe failed (the exception's message: it may name the host, never the
 *                    password; do not send it to HTTP clients), or null
 * @param probes      how many probes have run (each one empty query): what readiness
 *                    checks have cost the database
 */
public record PoolHealth(boolean up, Instant lastSuccess, Instant lastFailure, String failure, long probes) {
}
