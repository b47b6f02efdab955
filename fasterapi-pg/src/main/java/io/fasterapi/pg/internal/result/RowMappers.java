package io.fasterapi.pg.internal.result;

import io.fasterapi.pg.PgException;
import io.fasterapi.pg.Row;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds and caches {@link RowMapper}s: one per (target class, column layout). Reflection runs
 * once, when a mapper is built, and so does the choice of each property's {@link ColumnReader};
 * each row then costs one direct read per property and one method-handle call.
 *
 * <p>Columns match record components or POJO properties by name: exactly, or snake_case column to
 * camelCase property ({@code created_at} → {@code createdAt}), or ignoring case. Columns with no
 * property are ignored; a record component with no column is an error (it would be a silent null).
 * An {@code Optional<T>} component or property reads NULL as {@code Optional.empty()}.
 * A simple target type (number, String, UUID, java.time...) maps the one column of the result.
 */
public final class RowMappers {
    private static final ClassValue<ConcurrentHashMap<String, RowMapper<?>>> CACHE = new ClassValue<>() {
        @Override
        protected ConcurrentHashMap<String, RowMapper<?>> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private RowMappers() {
    }

    /** The mapper of {@code type} for rows of {@code layout}. Any thread. */
    @SuppressWarnings("unchecked")
    public static <T> RowMapper<T> mapper(Class<T> type, ColumnLayout layout) {
        String key = layout == null ? "" : layout.key();
        return (RowMapper<T>) CACHE.get(type).computeIfAbsent(key, k -> build(type, layout));
    }

    private static RowMapper<?> build(Class<?> type, ColumnLayout layout) {
        if (layout == null) {
            throw new PgException("the statement returns no rows to map to " + type.getName());
        }
        if (Conversions.isSimple(type) || layout.size() == 1 && layout.decodesTo(0, type)) {
            if (layout.size() != 1) {
                throw new PgException("cannot map " + layout.size() + " columns to " + type.getName()
                        + ": a simple type needs exactly one column");
            }
            ColumnReader reader = ColumnReader.of(type);
            return row -> reader.read(row, 0);
        }
        return type.isRecord() ? recordMapper(type, layout) : pojoMapper(type, layout);
    }

    static String camel(String column) {
        StringBuilder sb = new StringBuilder(column.length());
        boolean up = false;
        for (int i = 0; i < column.length(); i++) {
            char c = column.charAt(i);
            if (c == '_') {
                up = sb.length() > 0;
            } else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }

    private static int column(ColumnLayout layout, String property) {
        for (int i = 0; i < layout.size(); i++) {
            if (layout.name(i).equals(property)) {
                return i;
            }
        }
        for (int i = 0; i < layout.size(); i++) {
            String n = layout.name(i);
            if (camel(n).equals(property) || n.equalsIgnoreCase(property)
                    || camel(n.toLowerCase(Locale.ROOT)).equalsIgnoreCase(property)) {
                return i;
            }
        }
        return -1;
    }

    private static MethodHandles.Lookup lookup(Class<?> type) throws IllegalAccessException {
        return MethodHandles.privateLookupIn(type, MethodHandles.lookup());
    }

    private static RowMapper<?> recordMapper(Class<?> type, ColumnLayout layout) {
        RecordComponent[] comps = type.getRecordComponents();
        int[] cols = new int[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        ColumnReader[] readers = new ColumnReader[comps.length];
        for (int i = 0; i < comps.length; i++) {
            cols[i] = column(layout, comps[i].getName());
            types[i] = comps[i].getType();
            readers[i] = ColumnReader.of(comps[i].getGenericType(), types[i]);
            if (cols[i] < 0) {
                throw new PgException("record " + type.getName() + " component '" + comps[i].getName()
                        + "' has no column in the result " + layout.columns().stream().map(c -> c.name()).toList());
            }
        }
        MethodHandle ctor;
        try {
            ctor = lookup(type).findConstructor(type, MethodType.methodType(void.class, types));
        } catch (ReflectiveOperationException e) {
            throw new PgException("cannot access the canonical constructor of " + type.getName(), e);
        }
        MethodHandle spread = ctor.asSpreader(Object[].class, comps.length)
                .asType(MethodType.methodType(Object.class, Object[].class));
        return row -> {
            Object[] args = new Object[cols.length];
            for (int i = 0; i < cols.length; i++) {
                args[i] = readers[i].read(row, cols[i]);
            }
            try {
                return spread.invokeExact(args);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new PgException("constructing " + type.getName() + " failed", t);
            }
        };
    }

    private static RowMapper<?> pojoMapper(Class<?> type, ColumnLayout layout) {
        MethodHandle ctor;
        MethodHandles.Lookup lookup;
        try {
            lookup = lookup(type);
            ctor = lookup.findConstructor(type, MethodType.methodType(void.class))
                    .asType(MethodType.methodType(Object.class));
        } catch (ReflectiveOperationException e) {
            throw new PgException(type.getName() + " is neither a record nor a class with a no-argument constructor", e);
        }
        List<int[]> cols = new ArrayList<>();
        List<MethodHandle> setters = new ArrayList<>();
        List<Class<?>> types = new ArrayList<>();
        List<Type> genericTypes = new ArrayList<>();
        for (int c = 0; c < layout.size(); c++) {
            String prop = camel(layout.name(c));
            MethodHandle setter = null;
            Class<?> ptype = null;
            Type gtype = null;
            for (Method m : type.getMethods()) {
                if (m.getParameterCount() == 1 && m.getName().equalsIgnoreCase("set" + prop)
                        && !Modifier.isStatic(m.getModifiers())) {
                    try {
                        setter = lookup.unreflect(m);
                        ptype = m.getParameterTypes()[0];
                        gtype = m.getGenericParameterTypes()[0];
                    } catch (IllegalAccessException ignored) {
                        // fall through to the field
                    }
                    break;
                }
            }
            if (setter == null) {
                for (Class<?> k = type; k != null && k != Object.class && setter == null; k = k.getSuperclass()) {
                    for (Field f : k.getDeclaredFields()) {
                        if (f.getName().equalsIgnoreCase(prop) && !Modifier.isStatic(f.getModifiers())
                                && !Modifier.isFinal(f.getModifiers())) {
                            try {
                                setter = lookup(k).unreflectSetter(f);
                                ptype = f.getType();
                                gtype = f.getGenericType();
                            } catch (IllegalAccessException ignored) {
                                // not settable: the column is ignored
                            }
                            break;
                        }
                    }
                }
            }
            if (setter != null) {
                cols.add(new int[] {c});
                setters.add(setter.asType(MethodType.methodType(void.class, Object.class, Object.class)));
                types.add(ptype);
                genericTypes.add(gtype);
            }
        }
        int n = cols.size();
        int[] colIdx = new int[n];
        MethodHandle[] set = setters.toArray(new MethodHandle[0]);
        ColumnReader[] readers = new ColumnReader[n];
        for (int i = 0; i < n; i++) {
            colIdx[i] = cols.get(i)[0];
            readers[i] = ColumnReader.of(genericTypes.get(i), types.get(i));
        }
        return (Row row) -> {
            try {
                Object o = ctor.invokeExact();
                for (int i = 0; i < n; i++) {
                    set[i].invokeExact(o, readers[i].read(row, colIdx[i]));
                }
                return o;
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new PgException("constructing " + type.getName() + " failed", t);
            }
        };
    }
}
