package io.fasterapi.pg.internal.result;

import io.fasterapi.pg.Row;

/** Maps a row of one known column layout onto a Java object. Built once per (class, layout). */
@FunctionalInterface
public interface RowMapper<T> {
    T map(Row row);
}
