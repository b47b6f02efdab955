package io.fasterapi.pg.internal.result;

import io.fasterapi.pg.Column;
import io.fasterapi.pg.PgException;
import io.fasterapi.pg.QueryResult;
import io.fasterapi.pg.Row;
import io.fasterapi.pg.RowStream;
import java.lang.ref.Cleaner;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A result whose rows stay in the retained receive buffers they arrived in ({@link RowBuffers});
 * rows are views created on demand. See {@link QueryResult} for the release rules.
 */
public final class BufferedQueryResult implements QueryResult {
    private final ColumnLayout layout;
    private final RowBuffers buffers;
    private final Cleaner.Cleanable cleanable;
    private final int size;
    private final String tag;

    /** Takes ownership of {@code rows}: closing this result releases them. */
    public BufferedQueryResult(ColumnLayout layout, RowBuffers rows, String tag) {
        this.layout = layout;
        this.size = rows.size();
        this.tag = tag == null ? "" : tag;
        this.buffers = rows;
        this.cleanable = size == 0 ? null : RowBuffers.CLEANER.register(this, buffers);
    }

    /** A result without rows (a command, or a query that matched nothing). */
    public static BufferedQueryResult empty(ColumnLayout layout, String tag) {
        return new BufferedQueryResult(layout, new RowBuffers(), tag);
    }

    ColumnLayout layout() {
        return layout;
    }

    RowBuffers buffers() {
        return buffers;
    }

    @Override
    public Object scalar() {
        try {
            Row r = oneRow("scalar()");
            if (layout.size() != 1) {
                throw new PgException("scalar() expects one column, the result has " + layout.size());
            }
            return r.get(0);
        } finally {
            close();
        }
    }

    @Override
    public <T> T scalar(Class<T> type) {
        try {
            Row r = oneRow("scalar()");
            if (layout.size() != 1) {
                throw new PgException("scalar() expects one column, the result has " + layout.size());
            }
            return r.get(0, type);
        } finally {
            close();
        }
    }

    private Row oneRow(String method) {
        if (size != 1) {
            throw new PgException(method + " expects exactly one row, the query returned "
                    + (size == 0 ? "none" : size + " rows"));
        }
        return new BufferedRow(this, 0);
    }

    @Override
    public Row one() {
        return oneRow("one()");
    }

    @Override
    public <T> T one(Class<T> type) {
        try {
            return map(oneRow("one(" + type.getSimpleName() + ")"), type);
        } finally {
            close();
        }
    }

    @Override
    public Optional<Row> first() {
        return size == 0 ? Optional.empty() : Optional.of(new BufferedRow(this, 0));
    }

    @Override
    public <T> Optional<T> first(Class<T> type) {
        try {
            return size == 0 ? Optional.empty() : Optional.ofNullable(map(new BufferedRow(this, 0), type));
        } finally {
            close();
        }
    }

    @Override
    public List<Row> all() {
        return new AbstractList<>() {
            @Override
            public Row get(int index) {
                if (index < 0 || index >= size) {
                    throw new IndexOutOfBoundsException(index);
                }
                return new BufferedRow(BufferedQueryResult.this, index);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Override
    public Iterator<Row> iterator() {
        return all().iterator();
    }

    @Override
    public <T> List<T> as(Class<T> type) {
        try {
            List<T> out = new ArrayList<>(size);
            if (size > 0) {
                RowMapper<T> mapper = mapperFor(type);
                for (int i = 0; i < size; i++) {
                    out.add(mapper.map(new BufferedRow(this, i)));
                }
            }
            return out;
        } finally {
            close();
        }
    }

    private <T> T map(Row row, Class<T> type) {
        return mapperFor(type).map((BufferedRow) row);
    }

    private <T> RowMapper<T> mapperFor(Class<T> type) {
        return RowMappers.mapper(type, layout);
    }

    @Override
    public RowStream stream(int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1, got " + chunkSize);
        }
        return new BufferedRowStream(this);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long affected() {
        int sp = tag.lastIndexOf(' ');
        if (sp < 0) {
            return 0;
        }
        try {
            return Long.parseLong(tag, sp + 1, tag.length(), 10);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public String commandTag() {
        return tag;
    }

    @Override
    public List<Column> columns() {
        return layout == null ? List.of() : layout.columns();
    }

    @Override
    public void close() {
        if (cleanable != null) {
            cleanable.clean();
        }
    }

    @Override
    public String toString() {
        return "QueryResult[" + tag + ", " + size + " rows]";
    }
}
