package io.fasterapi.pg;

import java.util.Objects;

/**
 * A statement declared once (typically as a constant) and prepared lazily on each connection the
 * first time it runs there; later runs send only Bind/Execute. Immutable; any thread.
 *
 * {@snippet :
 * static final PreparedQuery ITEM = PreparedQuery.of("SELECT * FROM items WHERE id=$1");
 * Item item = pg.run(ITEM, 42).one(Item.class);
 * }
 */
public final class PreparedQuery {
    private final String sql;

    private PreparedQuery(String sql) {
        this.sql = Objects.requireNonNull(sql, "sql");
    }

    /** A prepared query of {@code sql}, with {@code $1, $2...} parameter placeholders. */
    public static PreparedQuery of(String sql) {
        return new PreparedQuery(sql);
    }

    /** The SQL text. */
    public String sql() {
        return sql;
    }

    @Override
    public String toString() {
        return "PreparedQuery[" + sql + "]";
    }
}
