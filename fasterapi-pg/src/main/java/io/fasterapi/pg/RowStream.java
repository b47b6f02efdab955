package io.fasterapi.pg;

import java.util.List;

/**
 * Rows read a chunk at a time, from {@link Pg#stream} (bounded memory: the server keeps the rest
 * in a suspended portal) or {@link QueryResult#stream(int)}. Iterate it once; close it to release
 * the current chunk and, if rows remain, close the portal on the server.
 *
 * {@snippet :
 * try (RowStream rows = pg.stream("SELECT * FROM huge_table", 1000)) {
 *     for (Row r : rows) process(r);
 * }
 * }
 *
 * <p>A {@link Row} stays readable until the stream moves to the next chunk: read or map the values
 * you want to keep. Until the stream is closed or exhausted the connection runs nothing else.
 * Threads: iteration blocks, so use it from a virtual thread; one caller at a time.
 */
public interface RowStream extends AutoCloseable, Iterable<Row> {
    /** The columns of the rows. */
    List<Column> columns();

    /** Rows handed out so far. */
    long rowsRead();

    /** Releases the current chunk and closes the portal if rows remain. Idempotent. */
    @Override
    void close();
}
