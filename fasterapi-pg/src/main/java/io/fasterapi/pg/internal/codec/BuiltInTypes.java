package io.fasterapi.pg.internal.codec;

import io.netty.util.collection.IntObjectHashMap;

/**
 * The built-in types beyond the basic scalars: interval, timetz, money, json, "char", the network,
 * bit-string and geometric types, the standard ranges and multiranges, and the array type of every
 * built-in type with a codec. Their OIDs are fixed in {@code pg_type.dat} and {@code pg_range.dat}
 * (the test {@code BuiltInOidsTest} checks this table against the server's catalog).
 */
final class BuiltInTypes {
    /** Pairs of (array type OID, element type OID), from pg_type.typarray. */
    private static final int[][] ARRAYS = {
        {1000, Oids.BOOL}, {1001, Oids.BYTEA}, {1002, Oids.CHAR}, {1003, Oids.NAME}, {1016, Oids.INT8},
        {1005, Oids.INT2}, {1007, Oids.INT4}, {1009, Oids.TEXT}, {1028, Oids.OID}, {199, Oids.JSON},
        {143, Oids.XML}, {1017, Oids.POINT}, {1018, Oids.LSEG}, {1019, Oids.PATH}, {1020, Oids.BOX},
        {1027, Oids.POLYGON}, {629, Oids.LINE}, {651, Oids.CIDR}, {1021, Oids.FLOAT4}, {1022, Oids.FLOAT8},
        {719, Oids.CIRCLE}, {775, Oids.MACADDR8}, {791, Oids.MONEY}, {1040, Oids.MACADDR}, {1041, Oids.INET},
        {1014, Oids.BPCHAR}, {1015, Oids.VARCHAR}, {1182, Oids.DATE}, {1183, Oids.TIME}, {1115, Oids.TIMESTAMP},
        {1185, Oids.TIMESTAMPTZ}, {1187, Oids.INTERVAL}, {1270, Oids.TIMETZ}, {1561, Oids.BIT},
        {1563, Oids.VARBIT}, {1231, Oids.NUMERIC}, {2951, Oids.UUID}, {3807, Oids.JSONB},
        {3905, Oids.INT4RANGE}, {3907, Oids.NUMRANGE}, {3909, Oids.TSRANGE}, {3911, Oids.TSTZRANGE},
        {3913, Oids.DATERANGE}, {3927, Oids.INT8RANGE}, {6150, Oids.INT4MULTIRANGE},
        {6151, Oids.NUMMULTIRANGE}, {6152, Oids.TSMULTIRANGE}, {6153, Oids.TSTZMULTIRANGE},
        {6155, Oids.DATEMULTIRANGE}, {6157, Oids.INT8MULTIRANGE},
    };

    /** Pairs of (range type OID, subtype OID), from pg_range. */
    private static final int[][] RANGES = {
        {Oids.INT4RANGE, Oids.INT4}, {Oids.INT8RANGE, Oids.INT8}, {Oids.NUMRANGE, Oids.NUMERIC},
        {Oids.DATERANGE, Oids.DATE}, {Oids.TSRANGE, Oids.TIMESTAMP}, {Oids.TSTZRANGE, Oids.TIMESTAMPTZ},
    };

    /** Pairs of (multirange type OID, range type OID), from pg_range.rngmultitypid. */
    private static final int[][] MULTIRANGES = {
        {Oids.INT4MULTIRANGE, Oids.INT4RANGE}, {Oids.INT8MULTIRANGE, Oids.INT8RANGE},
        {Oids.NUMMULTIRANGE, Oids.NUMRANGE}, {Oids.DATEMULTIRANGE, Oids.DATERANGE},
        {Oids.TSMULTIRANGE, Oids.TSRANGE}, {Oids.TSTZMULTIRANGE, Oids.TSTZRANGE},
    };

    private BuiltInTypes() {
    }

    static void registerAll(IntObjectHashMap<Codec> codecs) {
        codecs.put(Oids.INTERVAL, IntervalCodec.INSTANCE);
        codecs.put(Oids.TIMETZ, TimeTzCodec.INSTANCE);
        codecs.put(Oids.MONEY, MoneyCodec.INSTANCE);
        codecs.put(Oids.JSON, JsonCodec.INSTANCE);
        codecs.put(Oids.JSONB, JsonCodec.INSTANCE);
        codecs.put(Oids.CHAR, CharCodec.INSTANCE);
        codecs.put(Oids.INET, NetworkCodec.INSTANCE);
        codecs.put(Oids.CIDR, NetworkCodec.INSTANCE);
        codecs.put(Oids.MACADDR, MacAddressCodec.INSTANCE);
        codecs.put(Oids.MACADDR8, MacAddressCodec.INSTANCE);
        codecs.put(Oids.BIT, BitStringCodec.INSTANCE);
        codecs.put(Oids.VARBIT, BitStringCodec.INSTANCE);
        for (int oid : new int[] {Oids.POINT, Oids.LINE, Oids.LSEG, Oids.BOX, Oids.PATH, Oids.POLYGON, Oids.CIRCLE}) {
            codecs.put(oid, GeometryCodec.INSTANCE);
        }
        // Element codecs are read from this same table when a value is decoded, never while it is built.
        CodecLookup builtIn = codecs::get;
        for (int[] r : RANGES) {
            codecs.put(r[0], new RangeCodec(r[1], builtIn));
        }
        for (int[] m : MULTIRANGES) {
            codecs.put(m[0], new MultirangeCodec(m[1], builtIn));
        }
        for (int[] a : ARRAYS) {
            codecs.put(a[0], new ArrayCodec(a[1], builtIn));
        }
    }

    /** The (array OID, element OID) pairs, for the catalog check in tests. */
    static int[][] arrays() {
        return ARRAYS.clone();
    }

    /** The (range OID, subtype OID) pairs, for the catalog check in tests. */
    static int[][] ranges() {
        return RANGES.clone();
    }

    /** The (multirange OID, range OID) pairs, for the catalog check in tests. */
    static int[][] multiranges() {
        return MULTIRANGES.clone();
    }
}
