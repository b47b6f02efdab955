package io.fasterapi.pg.internal.codec;

/**
 * Finds the codec of a type by OID. Container codecs (arrays, ranges, composites, domains) use it
 * to reach the codecs of what they contain, which may be types known only to one database.
 * Implementations are safe to call from any thread.
 */
@FunctionalInterface
public interface CodecLookup {
    /** The codec for {@code oid}, or null when none is known. */
    Codec codec(int oid);
}
