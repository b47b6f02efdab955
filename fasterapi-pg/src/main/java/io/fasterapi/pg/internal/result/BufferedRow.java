package io.fasterapi.pg.internal.result;

import io.fasterapi.pg.Column;
import io.fasterapi.pg.PgException;
import io.fasterapi.pg.Row;
import io.fasterapi.pg.internal.codec.Codec;
import io.fasterapi.pg.internal.codec.Oids;
import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A row read lazily from its DataRow bytes (int16 column count, then per column an int32 length,
 * -1 for NULL, and the value). Column offsets are found on first access and kept.
 */
final class BufferedRow implements Row {
    private final BufferedQueryResult result;
    private final int rowIndex;
    private final ColumnLayout layout;
    private int[] offsets;

    BufferedRow(BufferedQueryResult result, int rowIndex) {
        this.result = result;
        this.rowIndex = rowIndex;
        this.layout = result.layout();
    }

    private ByteBuf data() {
        return result.buffers().row(rowIndex);
    }

    /** Offset of column {@code i}'s length word, relative to the row start. */
    private int offset(ByteBuf data, int i) {
        int[] o = offsets;
        if (o == null) {
            int n = data.getUnsignedShort(data.readerIndex());
            o = new int[n];
            int pos = 2;
            for (int c = 0; c < n; c++) {
                o[c] = pos;
                int len = data.getInt(data.readerIndex() + pos);
                pos += 4 + Math.max(len, 0);
            }
            offsets = o;
        }
        if (i < 0 || i >= o.length) {
            throw new PgException("column index " + i + " out of range: the row has " + o.length + " columns");
        }
        return o[i];
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
        ByteBuf data = data();
        int at = data.readerIndex() + offset(data, index);
        int len = data.getInt(at);
        if (len < 0) {
            return null;
        }
        Codec codec = layout.codec(index);
        try {
            return layout.binary(index) ? codec.decodeBinary(layout.oid(index), data, at + 4, len)
                    : codec.decodeText(layout.oid(index), data, at + 4, len);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new PgException(describe(index) + " cannot be decoded: " + e.getMessage(), e);
        }
    }

    private String describe(int index) {
        return "column '" + layout.name(index) + "' (" + Oids.name(layout.oid(index)) + ")";
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
    public <T> T get(int index, Class<T> type) {
        return Conversions.convert(get(index), type, describe(index));
    }

    @Override
    public <T> T get(String name, Class<T> type) {
        return get(indexOf(name), type);
    }

    @Override
    public boolean isNull(int index) {
        ByteBuf data = data();
        return data.getInt(data.readerIndex() + offset(data, index)) < 0;
    }

    @Override
    public int getInt(int index) {
        if (layout.oid(index) == Oids.INT4 && layout.binary(index)) {
            ByteBuf data = data();
            int at = data.readerIndex() + offset(data, index);
            if (data.getInt(at) < 0) {
                throw new PgException(describe(index) + " is NULL and cannot be read as int");
            }
            return data.getInt(at + 4);
        }
        return get(index, int.class);
    }

    @Override
    public int getInt(String name) {
        return getInt(indexOf(name));
    }

    @Override
    public long getLong(int index) {
        if (layout.oid(index) == Oids.INT8 && layout.binary(index)) {
            ByteBuf data = data();
            int at = data.readerIndex() + offset(data, index);
            if (data.getInt(at) < 0) {
                throw new PgException(describe(index) + " is NULL and cannot be read as long");
            }
            return data.getLong(at + 4);
        }
        return get(index, long.class);
    }

    @Override
    public long getLong(String name) {
        return getLong(indexOf(name));
    }

    @Override
    public double getDouble(int index) {
        return get(index, double.class);
    }

    @Override
    public double getDouble(String name) {
        return getDouble(indexOf(name));
    }

    @Override
    public boolean getBoolean(int index) {
        return get(index, boolean.class);
    }

    @Override
    public boolean getBoolean(String name) {
        return getBoolean(indexOf(name));
    }

    @Override
    public String getString(int index) {
        return get(index, String.class);
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
