package io.fasterapi.examples.techempower;

import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import io.fasterapi.testing.TestPostgres;

/**
 * A database with TechEmpower's tables, made by {@link HelloWorldDatabase} for one test class and
 * dropped after it: the app reads {@code world} and {@code fortune} by their standard names, and
 * tests running at the same time (other classes, other checkouts on the same server) must not
 * update each other's rows.
 */
final class ThrowawayDatabase implements AutoCloseable {
    final String name;
    final PgPool pool;

    private ThrowawayDatabase(String name, PgPool pool) {
        this.name = name;
        this.pool = pool;
    }

    static ThrowawayDatabase create(Class<?> owner) {
        String name = TestPostgres.uniqueSchema(owner);
        HelloWorldDatabase.createIfMissing(TestPostgres.dsn(), name);
        return new ThrowawayDatabase(name, PgPool.create(dsn(name)));
    }

    /** A DSN of the test server naming {@code database}. */
    static String dsn(String database) {
        return Dsn.withDatabase(TestPostgres.dsn(), database);
    }

    /** Drops {@code database}, closing whatever is still connected to it. */
    static void drop(String database) {
        try (PgPool admin = PgPool.builder(dsn("postgres")).maxSize(1).build(); Pg pg = admin.get()) {
            pg.exec("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Override
    public void close() {
        pool.close();
        drop(name);
    }
}
