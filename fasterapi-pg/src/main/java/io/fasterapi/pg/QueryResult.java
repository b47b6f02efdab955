package io.fasterapi.pg;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of one statement: its rows (possibly none) and its command tag.
 *
 * {@snippet :
 * int n        = pg.exec("SELECT count(*) FROM items").scalar(Integer.class);
 * Item item    = pg.exec("SELECT * FROM items WHERE id=$1", 42).one(Item.class);
 * List<Item> l = pg.exec("SELECT * FROM items").as(Item.class);
 * long changed = pg.exec("UPDATE items SET price = price * 2").affected();
 * }
 *
 * <p>Rows hold the received bytes (pooled, reference-counted buffers) and decode on demand. The
 * bytes are released by {@link #close()}, or when the result becomes garbage. The methods that
 * return Java values rather than rows — {@link #scalar()}, {@link #scalar(Class)},
 * {@link #one(Class)}, {@link #first(Class)} and {@link #as(Class)} — read everything they need and
 * then close the result, so the common one-liners hold no buffer; rows obtained from the result
 * before are no longer readable after that.
 *
 * <p>Any thread may use a result, one at a time.
 */
public interface QueryResult extends AutoCloseable, Iterable<Row> {
    /** The single value of a one-row, one-column result; fails on zero or several rows or columns. */
    Object scalar();

    /** {@link #scalar()} converted to {@code type}. */
    <T> T scalar(Class<T> type);

    /** The only row; fails with PgException saying whether there were none or several. */
    Row one();

    /** The only row mapped to {@code type} (a record, POJO, or a simple type for one column). */
    <T> T one(Class<T> type);

    /** The first row, if any. */
    Optional<Row> first();

    /** The first row mapped to {@code type}, if any. */
    <T> Optional<T> first(Class<T> type);

    /** All rows. */
    List<Row> all();

    /** All rows mapped to {@code type}: records and POJOs by column name, simple types from the one column. */
    <T> List<T> as(Class<T> type);

    /**
     * The rows as a {@link RowStream}. This result is already in memory (as every result of
     * {@link Pg#exec} is: the statement has run to completion when exec returns), so this only
     * gives the streaming interface; to read a large result in bounded memory, use
     * {@link Pg#stream(String, int, Object...)}, which fetches {@code chunkSize} rows at a time.
     * Closing the stream closes this result.
     */
    RowStream stream(int chunkSize);

    /** Number of rows returned. */
    int size();

    /** Rows inserted, updated, deleted, selected, merged, copied or moved, from the command tag; 0 if none. */
    long affected();

    /** The command tag ({@code INSERT 0 1}, {@code SELECT 3}...); empty for an empty query. */
    String commandTag();

    /** The columns; empty for a statement that returns no rows. */
    List<Column> columns();

    /** Releases the received bytes. Idempotent; any thread. */
    @Override
    void close();
}
