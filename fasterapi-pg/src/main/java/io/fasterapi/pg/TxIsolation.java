package io.fasterapi.pg;

/** Transaction isolation levels, as {@code SET TRANSACTION ISOLATION LEVEL} spells them. */
public enum TxIsolation {
    READ_COMMITTED("READ COMMITTED"),
    REPEATABLE_READ("REPEATABLE READ"),
    SERIALIZABLE("SERIALIZABLE");

    private final String sql;

    TxIsolation(String sql) {
        this.sql = sql;
    }

    /** The SQL spelling. */
    public String sql() {
        return sql;
    }
}
