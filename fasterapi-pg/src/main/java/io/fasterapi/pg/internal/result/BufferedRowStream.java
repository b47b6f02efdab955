package io.fasterapi.pg.internal.result;

import io.fasterapi.pg.Column;
import io.fasterapi.pg.QueryResult;
import io.fasterapi.pg.Row;
import io.fasterapi.pg.RowStream;
import java.util.Iterator;
import java.util.List;

/** {@link RowStream} over a result already in memory: same interface, nothing to fetch. */
final class BufferedRowStream implements RowStream {
    private final QueryResult result;
    private long read;

    BufferedRowStream(QueryResult result) {
        this.result = result;
    }

    @Override
    public List<Column> columns() {
        return result.columns();
    }

    @Override
    public long rowsRead() {
        return read;
    }

    @Override
    public Iterator<Row> iterator() {
        Iterator<Row> it = result.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Row next() {
                Row r = it.next();
                read++;
                return r;
            }
        };
    }

    @Override
    public void close() {
        result.close();
    }
}
