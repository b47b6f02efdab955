package io.fasterapi.pg;

import io.fasterapi.pg.internal.codec.Codec;
import io.fasterapi.pg.internal.codec.Codecs;
import io.fasterapi.pg.internal.codec.Oids;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes rows in COPY's binary format (PostgreSQL docs, "COPY", Binary Format) from Java values,
 * encoded by the driver's binary codecs: no text formatting or escaping, and exact values.
 *
 * {@snippet :
 * try (CopyIn pipe = pg.copyIn("COPY items(id, name, price) FROM STDIN (FORMAT binary)");
 *      CopyBinaryWriter rows = CopyBinaryWriter.of(pipe, "int4", "text", "numeric")) {
 *     rows.row(1, "Widget", new BigDecimal("9.99"));
 *     rows.row(2, "Gadget", null);                 // null is SQL NULL
 * }                                                 // the trailer, then CopyDone
 * }
 *
 * <p>Column types are named as in SQL ({@code int4} or {@code integer}, {@code int8}, {@code text},
 * {@code varchar}, {@code numeric}, {@code float8}, {@code bool}, {@code bytea}, {@code date},
 * {@code timestamp}, {@code timestamptz}, {@code uuid}, {@code jsonb}...) and must match the table's
 * columns exactly: binary COPY does not convert. Not thread-safe; the thread of its {@link CopyIn}.
 */
public final class CopyBinaryWriter implements AutoCloseable {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    private final CopyIn target;
    private final int[] oids;
    private final Codec[] codecs;
    private final ByteBuf row = Unpooled.buffer(256);
    private long rows;
    private boolean ended;

    private CopyBinaryWriter(CopyIn target, int[] oids, Codec[] codecs) {
        this.target = target;
        this.oids = oids;
        this.codecs = codecs;
        row.writeBytes(SIGNATURE).writeInt(0).writeInt(0); // flags, header extension length
    }

    /** A writer of rows with the given column types into {@code target}; writes the file header. */
    public static CopyBinaryWriter of(CopyIn target, String... columnTypes) {
        Objects.requireNonNull(target, "target");
        int[] oids = new int[columnTypes.length];
        Codec[] codecs = new Codec[columnTypes.length];
        for (int i = 0; i < columnTypes.length; i++) {
            oids[i] = oid(columnTypes[i]);
            codecs[i] = Codecs.builtIn(oids[i]);
            if (codecs[i] == null) {
                throw new IllegalArgumentException("no binary codec for column type " + columnTypes[i]);
            }
        }
        return new CopyBinaryWriter(target, oids, codecs);
    }

    private static int oid(String type) {
        return switch (type.trim().toLowerCase(Locale.ROOT)) {
            case "bool", "boolean" -> Oids.BOOL;
            case "bytea" -> Oids.BYTEA;
            case "int2", "smallint" -> Oids.INT2;
            case "int4", "int", "integer" -> Oids.INT4;
            case "int8", "bigint" -> Oids.INT8;
            case "float4", "real" -> Oids.FLOAT4;
            case "float8", "double precision" -> Oids.FLOAT8;
            case "numeric", "decimal" -> Oids.NUMERIC;
            case "text" -> Oids.TEXT;
            case "varchar", "character varying" -> Oids.VARCHAR;
            case "bpchar", "char", "character" -> Oids.BPCHAR;
            case "name" -> Oids.NAME;
            case "date" -> Oids.DATE;
            case "time" -> Oids.TIME;
            case "timetz" -> Oids.TIMETZ;
            case "timestamp" -> Oids.TIMESTAMP;
            case "timestamptz" -> Oids.TIMESTAMPTZ;
            case "interval" -> Oids.INTERVAL;
            case "uuid" -> Oids.UUID;
            case "json" -> Oids.JSON;
            case "jsonb" -> Oids.JSONB;
            default -> throw new IllegalArgumentException("unsupported column type for binary COPY: " + type);
        };
    }

    /**
     * Writes one row; {@code values} in column order, null for SQL NULL.
     *
     * @throws IllegalArgumentException when the count or a value does not fit the columns (nothing of the row is sent)
     */
    public CopyBinaryWriter row(Object... values) {
        if (ended) {
            throw new IllegalStateException("this writer was finished");
        }
        if (values.length != oids.length) {
            throw new IllegalArgumentException("expected " + oids.length + " values, got " + values.length);
        }
        int start = row.writerIndex();
        try {
            row.writeShort(values.length);
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                if (v == null) {
                    row.writeInt(-1);
                    continue;
                }
                if (!codecs[i].canEncode(oids[i], v)) {
                    throw new IllegalArgumentException("column " + (i + 1) + ": cannot send " + v.getClass().getName()
                            + " as " + Oids.name(oids[i]));
                }
                int lengthIndex = row.writerIndex();
                row.writeInt(0);
                codecs[i].encodeBinary(oids[i], v, row);
                row.setInt(lengthIndex, row.writerIndex() - lengthIndex - 4);
            }
        } catch (RuntimeException e) {
            row.writerIndex(start);
            throw e instanceof IllegalArgumentException ? e : new IllegalArgumentException(e.getMessage(), e);
        }
        rows++;
        if (row.readableBytes() >= 16 * 1024) {
            flush();
        }
        return this;
    }

    private void flush() {
        target.write(row.nioBuffer());
        row.clear();
    }

    /** Rows written so far. */
    public long rows() {
        return rows;
    }

    /** Writes the trailer and finishes the COPY; returns the server's row count. */
    public long finish() {
        if (ended) {
            throw new IllegalStateException("this writer was finished");
        }
        ended = true;
        try {
            row.writeShort(-1);
            flush();
        } finally {
            row.release();
        }
        return target.finish();
    }

    /** Discards everything: CopyFail, the table is left unchanged. */
    public void abort(String reason) {
        if (!ended) {
            ended = true;
            row.release();
        }
        target.abort(reason);
    }

    /** {@link #finish()} unless finished or aborted. */
    @Override
    public void close() {
        if (!ended) {
            finish();
        }
    }
}
