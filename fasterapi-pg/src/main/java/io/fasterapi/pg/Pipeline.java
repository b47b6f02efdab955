package io.fasterapi.pg;

/**
 * The statements of a {@link Pg#pipeline} block: each call sends its statement at once, without
 * waiting for the ones before it; the block's results come back together, in call order.
 * Valid only inside its block, on the block's thread.
 */
public interface Pipeline {

    /** Sends {@code sql} with positional parameters ({@code $1...}). */
    void exec(String sql, Object... args);

    /** Sends a {@link PreparedQuery}, prepared on this connection the first time. */
    void run(PreparedQuery query, Object... args);
}
