package io.fasterapi.pg;

import io.fasterapi.pg.internal.result.Conversions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A value of a composite type: a row type ({@code CREATE TYPE t AS (...)}, a table's row) or an
 * anonymous {@code ROW(...)}. Fields keep their order and names (anonymous records name them
 * {@code f1}, {@code f2}... as PostgreSQL does); values are decoded like columns, so a nested
 * composite is a nested PgRecord and an array field a Java array.
 *
 * <p>Read it as a Java record by field order with {@link #as(Class)} or
 * {@code row.get(i, MyRecord.class)}. To send a composite parameter, pass a PgRecord or a
 * Java record whose components are in the type's field order. Immutable
 * (its values are as immutable as they are); any thread.
 *
 * {@snippet :
 * record Address(String street, int number) {}
 * Address a = pg.exec("SELECT home FROM people WHERE id=$1", 7).one().get(0, Address.class);
 * pg.exec("UPDATE people SET home=$1 WHERE id=$2", new Address("Main St", 5), 7);
 * }
 */
public final class PgRecord {
    private final List<String> names;
    private final Object[] values;

    private PgRecord(List<String> names, Object[] values) {
        if (names.size() != values.length) {
            throw new IllegalArgumentException(names.size() + " field names for " + values.length + " values");
        }
        this.names = names;
        this.values = values;
    }

    /** An anonymous record of these values (fields named f1, f2...). */
    public static PgRecord of(Object... values) {
        List<String> names = new ArrayList<>(values.length);
        for (int i = 1; i <= values.length; i++) {
            names.add("f" + i);
        }
        return new PgRecord(List.copyOf(names), values.clone());
    }

    /** A record with named fields. */
    public static PgRecord of(List<String> fieldNames, List<?> values) {
        return new PgRecord(List.copyOf(fieldNames), values.toArray());
    }

    /** Number of fields. */
    public int size() {
        return values.length;
    }

    /** The field names, in order. */
    public List<String> fieldNames() {
        return names;
    }

    /** The values, in order (null for SQL NULL). */
    public List<Object> values() {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    /** Field {@code index} (from 0). */
    public Object get(int index) {
        return values[index];
    }

    /** The field named {@code name}; fails if there is none. */
    public Object get(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new PgException("no field named '" + name + "' in " + names);
        }
        return values[i];
    }

    /** Field {@code index} converted as {@code Row.get(int, Class)} converts columns. */
    public <T> T get(int index, Class<T> type) {
        return Conversions.convert(values[index], type, "field '" + names.get(index) + "'");
    }

    /** This record as a Java record, by field order (the component names do not matter). */
    public <T> T as(Class<T> recordType) {
        return Conversions.convert(this, recordType, "record " + this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PgRecord r && names.equals(r.names) && Arrays.deepEquals(values, r.values);
    }

    @Override
    public int hashCode() {
        return 31 * names.hashCode() + Arrays.deepHashCode(values);
    }

    /** The values in parentheses, such as {@code (1,abc,)} (empty for NULL). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object v = values[i];
            sb.append(v == null ? "" : v instanceof Object[] a ? Arrays.deepToString(a) : v);
        }
        return sb.append(')').toString();
    }
}
