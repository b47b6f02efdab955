package io.fasterapi.examples.basic;

import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import io.fasterapi.testing.TestPostgres;

/**
 * The shop's tables in a schema of their own on the shared test server: {@link #pool}'s connections
 * use that schema; {@link #close()} closes the pool and drops the schema.
 */
final class ShopDb implements AutoCloseable {
    final String schema;
    final PgPool pool;
    /** Creates and drops the schema, on a connection outside it. */
    private final PgPool admin;

    ShopDb(Class<?> owner) {
        this(owner, b -> b);
    }

    /** As {@link #ShopDb(Class)}, with the pool's builder configured by {@code config} (metrics, tracing). */
    ShopDb(Class<?> owner, java.util.function.UnaryOperator<PgPool.Builder> config) {
        schema = TestPostgres.uniqueSchema(owner);
        String dsn = TestPostgres.dsn();
        admin = PgPool.builder(dsn).maxSize(1).build();
        try (Pg pg = admin.get()) {
            pg.exec("CREATE SCHEMA " + schema);
        }
        pool = config.apply(PgPool.builder(dsn + (dsn.contains("?") ? "&" : "?") + "options=-c%20search_path%3D"
                + schema)).build();
        ShopSchema.createIfMissing(pool);
    }

    @Override
    public void close() {
        pool.close();
        try (Pg pg = admin.get()) {
            pg.exec("DROP SCHEMA " + schema + " CASCADE");
        } finally {
            admin.close();
        }
    }
}
