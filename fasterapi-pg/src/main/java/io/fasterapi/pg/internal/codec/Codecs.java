package io.fasterapi.pg.internal.codec;

import io.netty.util.collection.IntObjectHashMap;

/**
 * The codecs of the built-in types, by OID. Shared and read-only after class initialisation, so
 * every connection on every shard reads it without synchronisation.
 */
public final class Codecs {
    private static final IntObjectHashMap<Codec> BUILT_IN = new IntObjectHashMap<>();

    static {
        register(BoolCodec.INSTANCE, Oids.BOOL);
        register(IntegerCodec.INSTANCE, Oids.INT2, Oids.INT4, Oids.INT8, Oids.OID);
        register(FloatCodec.INSTANCE, Oids.FLOAT4, Oids.FLOAT8);
        register(NumericCodec.INSTANCE, Oids.NUMERIC);
        register(TextCodec.INSTANCE, Oids.TEXT, Oids.VARCHAR, Oids.BPCHAR, Oids.NAME, Oids.UNKNOWN, Oids.XML);
        register(ByteaCodec.INSTANCE, Oids.BYTEA);
        register(UuidCodec.INSTANCE, Oids.UUID);
        register(DateTimeCodec.INSTANCE, Oids.DATE, Oids.TIME, Oids.TIMESTAMP, Oids.TIMESTAMPTZ);
        BuiltInTypes.registerAll(BUILT_IN);
    }

    private Codecs() {
    }

    private static void register(Codec codec, int... oids) {
        for (int oid : oids) {
            BUILT_IN.put(oid, codec);
        }
    }

    /** The codec of a built-in type, or null. */
    public static Codec builtIn(int oid) {
        return BUILT_IN.get(oid);
    }

    /** The codec that decodes any type from its text form as a String. */
    public static Codec textFallback() {
        return TextCodec.INSTANCE;
    }
}
