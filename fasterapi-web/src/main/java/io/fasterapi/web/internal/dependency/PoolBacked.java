package io.fasterapi.web.internal.dependency;

/**
 * A dependency factory that hands out pieces of a database pool ({@code PgDepends.from(pool)}): the
 * app adds that pool's health to {@code /ready}. Typed without the driver's classes, so the web
 * module runs without {@code fasterapi-pg}.
 */
public interface PoolBacked {
    /** The pool (a {@code PgPool}). */
    Object pool();
}
