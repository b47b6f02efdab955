package io.fasterapi.web.internal.pg;

import io.fasterapi.core.Future;
import io.fasterapi.pg.PgPool;
import java.util.function.Supplier;

/**
 * The readiness check of a {@link PgPool}: its cached, rate-limited health probe
 * ({@link PgPool#checkHealth()}), so {@code /ready} polled by every load balancer costs the database
 * at most one empty query per probe interval. Loaded only when an app registered a pool, so the web
 * module runs without {@code fasterapi-pg}.
 */
public final class PgReadiness {
    private PgReadiness() {
    }

    /** The check of {@code pool}, a {@code PgPool}. */
    public static Supplier<Future<Boolean>> check(Object pool) {
        PgPool p = (PgPool) pool;
        return p::checkHealth;
    }
}
