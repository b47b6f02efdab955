package io.fasterapi.pg.internal.result;

import io.fasterapi.pg.Row;
import java.math.BigDecimal;

/**
 * Reads one column of a row as the Java type of a mapped property. Chosen once per property when a
 * {@link RowMapper} is built, so a primitive or String property takes the row's direct getter
 * (straight from the buffer for the common binary types) rather than decoding to a boxed value and
 * converting it by class on every row.
 */
@FunctionalInterface
interface ColumnReader {
    Object read(Row row, int column);

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
