package io.fasterapi.pg;

import io.fasterapi.testing.TestPostgres;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A pool on the shared test server with its own schema, dropped by {@link #close()}. */
final class PgTestDb implements AutoCloseable {
    final String schema;
    final PgPool pool;

    PgTestDb(Class<?> owner) {
        this(owner, PgPool.builder(dsnWithSearchPath(TestPostgres.uniqueSchema(owner))).threads(2).maxSize(4));
    }

    PgTestDb(Class<?> owner, PgPool.Builder builder) {
        this.pool = builder.build();
        String dsn = lastDsn;
        this.schema = dsn.substring(dsn.indexOf("search_path%3D") + "search_path%3D".length());
        try (Pg pg = pool.get()) {
            pg.script("CREATE SCHEMA " + schema);
        }
    }

    private static String lastDsn;

    /** The test server's DSN with {@code search_path} set to {@code schema}. */
    static String dsnWithSearchPath(String schema) {
        String base = TestPostgres.dsn();
        String opt = "options=" + URLEncoder.encode("-c search_path=" + schema, StandardCharsets.UTF_8).replace("+", "%20");
        lastDsn = base + (base.contains("?") ? "&" : "?") + opt;
        return lastDsn;
    }

    @Override
    public void close() {
        try (Pg pg = pool.get()) {
            pg.script("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } finally {
            pool.close();
        }
    }
}
