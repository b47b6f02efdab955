package io.fasterapi.pg.internal.result;

import io.fasterapi.pg.internal.codec.Codec;
import io.fasterapi.pg.internal.codec.Codecs;
import io.fasterapi.pg.internal.codec.Oids;

/**
 * How a column's values are read: straight from the buffer for the common fixed-size binary types
 * and the text-like types, else through the column's codec. Chosen once per {@link ColumnLayout},
 * so that reading a value costs one switch instead of a decode to a boxed value plus a conversion
 * (in the wide-fetch profile that path, with its per-read error message, was a quarter of the
 * row-reading CPU).
 */
enum ColumnKind {
    INT2, INT4, INT8, FLOAT4, FLOAT8, BOOL, TEXT, TIMESTAMP, TIMESTAMPTZ, UUID, CODEC;

    static ColumnKind of(int oid, boolean binary, Codec codec) {
        if (codec != Codecs.builtIn(oid)) {
            return CODEC; // a codec registered by the user decides for itself
        }
        return switch (oid) {
            case Oids.TEXT, Oids.VARCHAR, Oids.BPCHAR, Oids.NAME, Oids.UNKNOWN -> TEXT; // UTF-8 in both formats
            case Oids.INT2 -> binary ? INT2 : CODEC;
            case Oids.INT4 -> binary ? INT4 : CODEC;
            case Oids.INT8 -> binary ? INT8 : CODEC;
            case Oids.FLOAT4 -> binary ? FLOAT4 : CODEC;
            case Oids.FLOAT8 -> binary ? FLOAT8 : CODEC;
            case Oids.BOOL -> binary ? BOOL : CODEC;
            case Oids.TIMESTAMP -> binary ? TIMESTAMP : CODEC;
            case Oids.TIMESTAMPTZ -> binary ? TIMESTAMPTZ : CODEC;
            case Oids.UUID -> binary ? UUID : CODEC;
            default -> CODEC;
        };
    }

    boolean isIntegral() {
        return this == INT2 || this == INT4 || this == INT8;
    }
}
