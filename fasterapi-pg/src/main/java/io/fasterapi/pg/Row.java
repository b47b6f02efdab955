package io.fasterapi.pg;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One row of a {@link QueryResult}. Values are decoded on demand from the bytes received (binary
 * format where the driver has a codec, text otherwise): a column never read costs nothing.
 *
 * <p>Java types: boolean → Boolean, smallint/integer/bigint → Short/Integer/Long, oid → Long,
 * real/double → Float/Double, numeric → BigDecimal (NaN/±Infinity → Double), text-like and json →
 * String, bytea → byte[], uuid → UUID, date/time/timestamp/timestamptz → LocalDate/LocalTime/
 * LocalDateTime/OffsetDateTime (UTC); any other type → its text as String. {@code get(i, Class)}
 * converts between number types when the value fits, and to String, Instant and enums.
 *
 * <p>More types: timetz → OffsetTime; interval → {@link Interval} (also read as Duration or
 * Period); money → Long minor units (cents; the scale depends on lc_monetary); json/jsonb →
 * String (or {@link Json}); "char" → a one-character String; inet/cidr → {@link Inet} (or
 * InetAddress); macaddr/macaddr8 → {@link MacAddress}; bit/varbit → {@link BitString}; the
 * geometric types → the records of {@code io.fasterapi.pg.geo}; ranges → {@link Range};
 * multiranges → {@code List<Range>}; enums → String (or a Java enum); domains → their base type;
 * composites and {@code ROW(...)} → {@link PgRecord} (or a Java record, by field order); hstore →
 * {@code Map<String, String>}. Arrays → Java arrays typed by element ({@code Integer[]},
 * {@code String[][]}; numeric[] → {@code Number[]}) when every lower bound is 1, else a
 * {@link PgArray}; {@code get(i, int[].class)}, {@code MyEnum[].class} or {@code List.class}
 * convert. Infinite dates and timestamps are the MAX/MIN constants of their java.time type;
 * {@code time '24:00:00'} (and timetz's) is {@link java.time.LocalTime#MAX} and back, as in pgjdbc.
 * numeric's NaN and ±Infinity (PostgreSQL 14+) have no BigDecimal: read such a column as
 * {@code double} or {@code Number} (a BigDecimal for every finite value); read as BigDecimal it fails
 * with a {@link PgException} naming the column and these fixes. These
 * types decode from binary; results of the simple protocol ({@code script}) hold them as text.
 *
 * <p>A row stays readable until its result is closed. Any thread may read it, one at a time.
 */
public interface Row {
    /** Number of columns. */
    int size();

    /** The columns, in order. */
    List<Column> columns();

    /** The value of column {@code index} (from 0) in its natural Java type; null for SQL NULL. */
    Object get(int index);

    /** The value of the column named {@code name}. */
    Object get(String name);

    /** The value of column {@code index} as {@code type}; fails with PgException if it cannot be converted. */
    <T> T get(int index, Class<T> type);

    /** The value of the column named {@code name} as {@code type}. */
    <T> T get(String name, Class<T> type);

    /** True when column {@code index} is SQL NULL. */
    boolean isNull(int index);

    /** An int column (or any integer that fits); fails on NULL. */
    int getInt(int index);

    int getInt(String name);

    /** A long column (or any integer); fails on NULL. */
    long getLong(int index);

    long getLong(String name);

    /** A double column (or any number); fails on NULL. */
    double getDouble(int index);

    double getDouble(String name);

    /** A boolean column; fails on NULL. */
    boolean getBoolean(int index);

    boolean getBoolean(String name);

    /** The column as a String (the text of non-text types); null for NULL. */
    String getString(int index);

    String getString(String name);

    BigDecimal getBigDecimal(int index);

    BigDecimal getBigDecimal(String name);

    byte[] getBytes(int index);

    byte[] getBytes(String name);

    /** Column name → value, in column order (LinkedHashMap). */
    Map<String, Object> toMap();

    /** This row mapped onto a record or POJO by column name (snake_case → camelCase). */
    <T> T as(Class<T> type);
}
