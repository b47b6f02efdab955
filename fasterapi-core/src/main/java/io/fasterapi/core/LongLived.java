package io.fasterapi.core;

/**
 * Marks a resource that lives as long as the application — a connection pool, a client, a
 * {@link Reactor} — and is shared by every request. Dependency injection hands such a value to
 * requests but never closes it after one, even when a request-scoped factory returned it
 * ({@code app.provide(PgPool.class, () -> pool)}): its owner closes it, once, at shutdown.
 *
 * <p>Implement it on your own shared resources for the same treatment.
 */
public interface LongLived extends AutoCloseable {
}
