package io.fasterapi.pg.internal.result;

import io.fasterapi.pg.Row;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Reads one column of a row as the Java type of a mapped property. Chosen once per property when a
 * {@link RowMapper} is built, so a primitive or String property takes the row's direct getter
 * (straight from the buffer for the common binary types) rather than decoding to a boxed value and
 * converting it by class on every row. An {@code Optional<T>} property reads NULL as empty.
 */
@FunctionalInterface
interface ColumnReader {
    Object read(Row row, int column);

    /**
     * The reader of a property declared as {@code declared}: an {@code Optional<T>} reads NULL as
     * {@code Optional.empty()} and anything else as {@code Optional.of} the value read as {@code T}.
     */
    static ColumnReader of(Type declared, Class<?> raw) {
        if (raw != Optional.class) {
            return of(raw);
        }
        Type element = declared instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
        Class<?> elementClass = element instanceof Class<?> c ? c
                : element instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c ? c : Object.class;
        ColumnReader value = of(elementClass);
        return (row, column) -> row.isNull(column) ? Optional.empty() : Optional.of(value.read(row, column));
    }

    static ColumnReader of(Class<?> type) {
        if (type == int.class) {
            return Row::getInt;
        }
        if (type == long.class) {
            return Row::getLong;
        }
        if (type == double.class) {
            return Row::getDouble;
        }
        if (type == boolean.class) {
            return Row::getBoolean;
        }
        if (type == String.class) {
            return Row::getString;
        }
        if (type == BigDecimal.class) {
            return Row::getBigDecimal;
        }
        return (row, column) -> row.get(column, type);
    }
}
