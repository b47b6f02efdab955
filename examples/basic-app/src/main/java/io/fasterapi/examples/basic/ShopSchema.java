package io.fasterapi.examples.basic;

import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;

/**
 * Creates the shop's tables and a little sample data when missing (idempotent). The price's CHECK
 * matches {@link Item}'s constraints and also keeps out numeric's NaN (which sorts above every
 * number, so {@code price >= 0.01} alone lets it in): a row that bypasses the app's validation
 * cannot make {@code sum(price)} unreadable as a BigDecimal.
 */
public final class ShopSchema {
    private ShopSchema() {
    }

    /** Creates the tables (in the connection's search_path) and sample data when missing. */
    public static void createIfMissing(PgPool pool) {
        try (Pg pg = pool.get()) {
            pg.script("""
                    CREATE TABLE IF NOT EXISTS items (id serial PRIMARY KEY, name text NOT NULL,
                                                      price numeric(12,2) NOT NULL CHECK (price >= 0.01 AND price <> 'NaN'));
                    CREATE TABLE IF NOT EXISTS stock (item_id int PRIMARY KEY REFERENCES items(id), qty int NOT NULL CHECK (qty >= 0));
                    CREATE TABLE IF NOT EXISTS users (id serial PRIMARY KEY, name text NOT NULL);
                    CREATE TABLE IF NOT EXISTS orders (id serial PRIMARY KEY, user_id int NOT NULL REFERENCES users(id),
                                                       item_id int NOT NULL REFERENCES items(id));
                    """);
            if (pg.exec("SELECT count(*) FROM users").scalar(Long.class) == 0) {
                pg.script("""
                        INSERT INTO users(name) VALUES ('Ada'), ('Linus'), ('Grace');
                        INSERT INTO items(name, price) VALUES ('Widget', 9.99), ('Gadget', 19.95), ('Gizmo', 4.50);
                        INSERT INTO stock(item_id, qty) SELECT id, 10 FROM items;
                        """);
            }
        }
    }
}
