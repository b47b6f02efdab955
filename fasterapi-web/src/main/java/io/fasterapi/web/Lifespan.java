package io.fasterapi.web;

/**
 * The types of {@link App#lifespan}: resources the app opens when it starts, hands to handlers as
 * dependencies, and closes when it stops, as FastAPI's {@code lifespan} context manager does.
 *
 * {@snippet :
 * App app = App.create()
 *         .lifespan(PgPool.class, opened -> PgPool.create(settings.databaseUrl()))
 *         .lifespan(UserDirectory.class, opened -> new UserDirectory(opened.get(PgPool.class)))
 *         .provide(Pg.class, ...)
 *         .include(new UserRoutes());   // a handler parameter PgPool or UserDirectory gets the opened one
 * }
 *
 * <p>Resources open in registration order when the server starts, before the startup hooks and
 * before it accepts a connection; each sees the ones opened before it. When one fails to open,
 * those already opened are closed in reverse order and the start fails. They close in reverse order
 * when the server stops, after the last response and the shutdown hooks; an {@link AutoCloseable}
 * resource is closed even when it is {@link io.fasterapi.core.LongLived} (the app opened it, so the
 * app closes it). No request closes one.
 */
public final class Lifespan {
    private Lifespan() {
    }

    /**
     * Opens a resource; runs once per start, on the thread calling {@link App#start}.
     *
     * @param <T> the resource's type
     */
    @FunctionalInterface
    public interface Opener<T> {
        /** The opened resource (not null); {@code opened} gives the resources opened before it. */
        T open(Resources opened) throws Exception;
    }

    /** The resources opened so far, by their registered type. */
    public interface Resources {
        /** The opened resource of {@code type}; throws when none of that type was opened before this one. */
        <T> T get(Class<T> type);
    }
}
