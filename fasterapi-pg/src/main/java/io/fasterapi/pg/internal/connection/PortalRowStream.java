package io.fasterapi.pg.internal.connection;

import io.fasterapi.core.Shard;
import io.fasterapi.pg.Column;
import io.fasterapi.pg.QueryResult;
import io.fasterapi.pg.Row;
import io.fasterapi.pg.RowStream;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The reader's side of a {@link StreamCommand}: holds one chunk, asks for the next when it is used
 * up, closes each chunk (releasing its buffers) before fetching the next. Confined to the reading thread.
 */
final class PortalRowStream implements RowStream {
    private final StreamCommand command;
    private QueryResult chunk;
    private List<Row> rows;
    private int index;
    private long read;
    private boolean iterated;
    private boolean closed;

    PortalRowStream(StreamCommand command, QueryResult first) {
        this.command = command;
        this.chunk = first;
        this.rows = first.all();
    }

    @Override
    public List<Column> columns() {
        return chunk != null ? chunk.columns() : List.of();
    }

    @Override
    public long rowsRead() {
        return read;
    }

    private boolean advance() {
        while (index >= rows.size()) {
            if (closed || command.last) {
                return false;
            }
            Shard.checkMayBlock("RowStream iteration");
            chunk.close();
            chunk = command.next().await();
            rows = chunk.all();
            index = 0;
        }
        return true;
    }

    @Override
    public Iterator<Row> iterator() {
        if (iterated) {
            throw new IllegalStateException("a RowStream can be iterated once");
        }
        iterated = true;
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !closed && advance();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                read++;
                return rows.get(index++);
            }
        };
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        chunk.close();
        if (!command.last) {
            command.closeEarly();
        }
    }

    @Override
    public String toString() {
        return "RowStream[" + read + " rows read" + (closed ? ", closed" : "") + "]";
    }
}
