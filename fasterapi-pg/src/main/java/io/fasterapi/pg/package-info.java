/**
 * The PostgreSQL driver API: {@link io.fasterapi.pg.PgPool} (per-shard connections),
 * {@link io.fasterapi.pg.Pg} (one connection), {@link io.fasterapi.pg.QueryResult} and
 * {@link io.fasterapi.pg.Row} (lazily decoded results), {@link io.fasterapi.pg.PreparedQuery}, and
 * the exceptions rooted at {@link io.fasterapi.pg.PgException}. Everything under
 * {@code io.fasterapi.pg.internal} is implementation.
 */
package io.fasterapi.pg;
