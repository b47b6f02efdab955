package io.fasterapi.web;

import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import io.fasterapi.testing.TestPostgres;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/** A pool on the shared test server whose connections use a schema of their own, dropped by {@link #close()}. */
final class WebPgDb implements AutoCloseable {
    final String schema;
    final PgPool pool;

    WebPgDb(Class<?> owner, UnaryOperator<PgPool.Builder> config) {
        this.schema = TestPostgres.uniqueSchema(owner);
        String base = TestPostgres.dsn();
        String opt = "options=" + URLEncoder.encode("-c search_path=" + schema, StandardCharsets.UTF_8)
                .replace("+", "%20");
        this.pool = config.apply(PgPool.builder(base + (base.contains("?") ? "&" : "?") + opt)).build();
        try {
            script("CREATE SCHEMA " + schema);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** An app on this pool's reactor whose handlers may take a {@link Pg} from the pool. */
    App app() {
        return App.create().reactor(pool.reactor()).provide(Pg.class, PgDepends.from(pool));
    }

    /** Closes {@code client}, then {@code db}; either may be null (a {@code @BeforeAll} that failed part-way). */
    static void close(TestClient client, WebPgDb db) {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            if (db != null) {
                db.close();
            }
        }
    }

    void script(String sql) {
        try (Pg pg = pool.get()) {
            pg.script(sql);
        }
    }

    @Override
    public void close() {
        try {
            script("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } finally {
            pool.close();
        }
    }
}
