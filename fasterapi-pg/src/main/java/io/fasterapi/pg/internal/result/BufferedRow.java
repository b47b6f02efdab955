package io.fasterapi.pg.internal.result;

import io.fasterapi.pg.Column;
import io.fasterapi.pg.PgException;
import io.fasterapi.pg.Row;
import io.fasterapi.pg.internal.codec.Codec;
import io.fasterapi.pg.internal.codec.DateTimeCodec;
import io.netty.buffer.ByteBuf;
import java.lang.ref.Reference;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A view of one row of a {@link BufferedQueryResult}, read lazily from its DataRow bytes in the
 * receive buffer (int16 column count, then per column an int32 length, -1 for NULL, and the value).
 * Rows are created on demand and hold no copy: a column is found by walking the length words from
 * the last column read, so reading in column order costs one step per column, without the per-row
 * offsets array that was 21% of the allocations of a 100,000-row fetch.
 *
 * <p>Readable until the result is closed; the row keeps the result reachable, so the cleaner never
 * releases the bytes under a row still in use (each read ends with a reachability fence for that).
 * Not thread-safe: a row is read by one thread at a time.
 */
final class BufferedRow implements Row {
    /** Rows wider than this build an offsets table when read out of column order, instead of re-walking. */
    private static final int WALK_LIMIT = 16;

    private final BufferedQueryResult result;
    private final RowBuffers rows;
    private final ColumnLayout layout;
    private final ByteBuf data;
    private final int start;
    /** A column whose length word is at {@link #cursorAt}. */
    private int cursorColumn;
    private int cursorAt;
    private int[] offsets;

    BufferedRow(BufferedQueryResult result, int rowIndex) {
        this.result = result;
        this.rows = result.buffers();
        this.layout = result.layout();
        rows.checkReadable();
        long position = rows.position(rowIndex);
        this.data = rows.buffer(position);
        this.start = RowBuffers.offset(position);
        this.cursorAt = start + 2;
    }

    /** Index in {@link #data} of column {@code column}'s length word. */
    private int at(int column) {
        rows.checkReadable();
        int c = cursorColumn;
        if (column < c || column >= layout.size()) {
            return atOutOfOrder(column);
        }
        int at = cursorAt;
        for (; c < column; c++) {
            int len = data.getInt(at);
            at += len < 0 ? 4 : 4 + len;
        }
        cursorColumn = c;
        cursorAt = at;
        return at;
    }

    private int atOutOfOrder(int column) {
        int n = layout.size();
        if (column < 0 || column >= n) {
            throw new PgException("column index " + column + " out of range: the row has " + n + " columns");
        }
        if (n <= WALK_LIMIT) {
            cursorColumn = 0;
            cursorAt = start + 2;
            return at(column);
        }
        if (offsets == null) {
            int[] o = new int[n];
            int at = start + 2;
            for (int c = 0; c < n; c++) {
                o[c] = at;
                int len = data.getInt(at);
                at += len < 0 ? 4 : 4 + len;
            }
            offsets = o;
        }
        return offsets[column];
    }

    @Override
    public int size() {
        return layout.size();
    }

    @Override
    public List<Column> columns() {
        return layout.columns();
    }

    @Override
    public Object get(int index) {
        int at = at(index);
        int len = data.getInt(at);
        Object value = len < 0 ? null : decode(index, at + 4, len);
        Reference.reachabilityFence(this);
        return value;
    }

    private Object decode(int index, int from, int len) {
        try {
            // Binary timestamps and uuids straight from the buffer, with the codec's semantics
            // (infinities as MAX/MIN); no codec dispatch per value.
            switch (layout.kind(index)) {
                case TIMESTAMPTZ -> {
                    return DateTimeCodec.timestamptz(data.getLong(from));
                }
                case TIMESTAMP -> {
                    return DateTimeCodec.timestamp(data.getLong(from));
                }
                case UUID -> {
                    return new UUID(data.getLong(from), data.getLong(from + 8));
                }
                default -> {
                    Codec codec = layout.codec(index);
                    return layout.binary(index) ? codec.decodeBinary(layout.oid(index), data, from, len)
                            : codec.decodeText(layout.oid(index), data, from, len);
                }
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new PgException(layout.describe(index) + " cannot be decoded: " + e.getMessage(), e);
        }
    }

    private PgException isNull(int index, String javaType) {
        return new PgException(layout.describe(index) + " is NULL and cannot be read as " + javaType);
    }

    int indexOf(String name) {
        int i = layout.indexOf(name);
        if (i < 0) {
            throw new PgException("no column named '" + name + "' in " + layout.columns().stream().map(Column::name).toList());
        }
        return i;
    }

    @Override
    public Object get(String name) {
        return get(indexOf(name));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(int index, Class<T> type) {
        Object value = get(index);
        if (type.isInstance(value)) {
            return (T) value;
        }
        return Conversions.convert(value, type, layout, index);
    }

    @Override
    public <T> T get(String name, Class<T> type) {
        return get(indexOf(name), type);
    }

    @Override
    public boolean isNull(int index) {
        boolean isNull = data.getInt(at(index)) < 0;
        Reference.reachabilityFence(this);
        return isNull;
    }

    @Override
    public int getInt(int index) {
        ColumnKind kind = layout.kind(index);
        if (kind != ColumnKind.INT4 && kind != ColumnKind.INT2) {
            return get(index, int.class);
        }
        int at = at(index);
        if (data.getInt(at) < 0) {
            throw isNull(index, "int");
        }
        int value = kind == ColumnKind.INT4 ? data.getInt(at + 4) : data.getShort(at + 4);
        Reference.reachabilityFence(this);
        return value;
    }

    @Override
    public int getInt(String name) {
        return getInt(indexOf(name));
    }

    @Override
    public long getLong(int index) {
        ColumnKind kind = layout.kind(index);
        if (!kind.isIntegral()) {
            return get(index, long.class);
        }
        int at = at(index);
        if (data.getInt(at) < 0) {
            throw isNull(index, "long");
        }
        long value = integral(kind, at + 4);
        Reference.reachabilityFence(this);
        return value;
    }

    private long integral(ColumnKind kind, int from) {
        return switch (kind) {
            case INT8 -> data.getLong(from);
            case INT4 -> data.getInt(from);
            default -> data.getShort(from);
        };
    }

    @Override
    public long getLong(String name) {
        return getLong(indexOf(name));
    }

    @Override
    public double getDouble(int index) {
        ColumnKind kind = layout.kind(index);
        if (kind != ColumnKind.FLOAT8 && kind != ColumnKind.FLOAT4 && !kind.isIntegral()) {
            return get(index, double.class);
        }
        int at = at(index);
        if (data.getInt(at) < 0) {
            throw isNull(index, "double");
        }
        double value = switch (kind) {
            case FLOAT8 -> data.getDouble(at + 4);
            case FLOAT4 -> data.getFloat(at + 4);
            default -> integral(kind, at + 4);
        };
        Reference.reachabilityFence(this);
        return value;
    }

    @Override
    public double getDouble(String name) {
        return getDouble(indexOf(name));
    }

    @Override
    public boolean getBoolean(int index) {
        if (layout.kind(index) != ColumnKind.BOOL) {
            return get(index, boolean.class);
        }
        int at = at(index);
        if (data.getInt(at) < 0) {
            throw isNull(index, "boolean");
        }
        boolean value = data.getByte(at + 4) != 0;
        Reference.reachabilityFence(this);
        return value;
    }

    @Override
    public boolean getBoolean(String name) {
        return getBoolean(indexOf(name));
    }

    @Override
    public String getString(int index) {
        if (layout.kind(index) != ColumnKind.TEXT) {
            return get(index, String.class);
        }
        int at = at(index);
        int len = data.getInt(at);
        String value = len < 0 ? null : data.toString(at + 4, len, StandardCharsets.UTF_8);
        Reference.reachabilityFence(this);
        return value;
    }

    @Override
    public String getString(String name) {
        return getString(indexOf(name));
    }

    @Override
    public BigDecimal getBigDecimal(int index) {
        return get(index, BigDecimal.class);
    }

    @Override
    public BigDecimal getBigDecimal(String name) {
        return getBigDecimal(indexOf(name));
    }

    @Override
    public byte[] getBytes(int index) {
        return get(index, byte[].class);
    }

    @Override
    public byte[] getBytes(String name) {
        return getBytes(indexOf(name));
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < layout.size(); i++) {
            m.put(layout.name(i), get(i));
        }
        return m;
    }

    @Override
    public <T> T as(Class<T> type) {
        return RowMappers.mapper(type, layout).map(this);
    }

    @Override
    public String toString() {
        return "Row" + toMap();
    }
}
