package io.fasterapi.pg.internal.result;

import io.fasterapi.pg.Column;
import io.fasterapi.pg.internal.codec.Codec;
import io.fasterapi.pg.internal.codec.Codecs;
import io.fasterapi.pg.internal.codec.TypeRegistry;
import io.fasterapi.pg.internal.codec.UserCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of a statement's rows: names, type OIDs, the format each column is received in and
 * its codec. Built once per prepared statement and shared by all its results; immutable after
 * construction, so rows may be read on any thread.
 */
public final class ColumnLayout {
    private final String[] names;
    private final int[] oids;
    private final boolean[] binary;
    private final Codec[] codecs;
    private final ColumnKind[] kinds;
    private final List<Column> columns;
    private final Map<String, Integer> index;
    private final String key;
    /** Names the columns' types in error messages; read only when one is thrown. */
    private final TypeRegistry types;

    /** A layout receiving in binary every column whose type has a binary codec (extended query). */
    public static ColumnLayout extended(String[] names, int[] oids, TypeRegistry types) {
        boolean[] binary = new boolean[oids.length];
        for (int i = 0; i < oids.length; i++) {
            binary[i] = types.binaryResult(oids[i]);
        }
        return new ColumnLayout(names, oids, binary, types);
    }

    /** A layout receiving everything as text (simple query protocol). */
    public static ColumnLayout text(String[] names, int[] oids, TypeRegistry types) {
        return new ColumnLayout(names, oids, new boolean[oids.length], types);
    }

    private ColumnLayout(String[] names, int[] oids, boolean[] binary, TypeRegistry types) {
        this.names = names;
        this.oids = oids;
        this.binary = binary;
        this.types = types;
        this.codecs = new Codec[oids.length];
        this.kinds = new ColumnKind[oids.length];
        List<Column> cols = new ArrayList<>(names.length);
        Map<String, Integer> idx = new HashMap<>();
        StringBuilder k = new StringBuilder();
        for (int i = 0; i < oids.length; i++) {
            Codec c = types.codec(oids[i]);
            codecs[i] = c != null ? c : Codecs.textFallback();
            kinds[i] = ColumnKind.of(oids[i], binary[i], codecs[i]);
            cols.add(new Column(names[i], oids[i]));
            idx.putIfAbsent(names[i], i);
            k.append(names[i]).append(':').append(oids[i]).append(',');
        }
        this.columns = List.copyOf(cols);
        this.index = idx;
        this.key = k.toString();
    }

    public int size() {
        return names.length;
    }

    public String name(int i) {
        return names[i];
    }

    public int oid(int i) {
        return oids[i];
    }

    public boolean binary(int i) {
        return binary[i];
    }

    public Codec codec(int i) {
        return codecs[i];
    }

    ColumnKind kind(int i) {
        return kinds[i];
    }

    /** {@code column 'name' (type)}, for error messages: built only when one is thrown. */
    String describe(int i) {
        return "column '" + names[i] + "' (" + types.typeName(oids[i]) + ")";
    }

    /**
     * Whether column {@code i} decodes with a user's codec to (a subclass of) {@code type}, which
     * then maps one column as a value rather than a row as a record ({@code one(MyType.class)}).
     */
    boolean decodesTo(int i, Class<?> type) {
        return codecs[i] instanceof UserCodec u && type.isAssignableFrom(u.javaType());
    }

    public List<Column> columns() {
        return columns;
    }

    /** Index of the first column named {@code name}, or -1. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    /** A string identifying names and types, for caching mappers per layout. */
    public String key() {
        return key;
    }

    /** Bind's result-column format codes: none (all text), one (all binary) or one per column. */
    public short[] resultFormats() {
        boolean all = true;
        boolean none = true;
        for (boolean b : binary) {
            all &= b;
            none &= !b;
        }
        if (none) {
            return new short[0];
        }
        if (all) {
            return new short[] {1};
        }
        short[] f = new short[binary.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (short) (binary[i] ? 1 : 0);
        }
        return f;
    }
}
