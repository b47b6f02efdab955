package io.fasterapi.pg.internal.codec;

import io.netty.util.collection.IntObjectHashMap;
import java.util.Map;

/**
 * The codecs one connection can use: the built-in ones, plus codecs for types whose OIDs differ
 * per database (extension types such as hstore, enums, composites), registered here once their
 * OIDs are known. Owned by the connection and touched only on its event loop.
 *
 * @implNote A codec for a per-database type is registered by type name; the connection looks the
 *     names up in {@code pg_type} after login ({@link #namesToResolve()}) and calls
 *     {@link #bind(int, String)} with the OIDs found (not wired yet). OIDs are never hard-coded for such types.
 */
public final class TypeRegistry {
    private final IntObjectHashMap<Codec> dynamic = new IntObjectHashMap<>();
    private final Map<String, Codec> byName;

    /** A registry that resolves the given named codecs per database. */
    public TypeRegistry(Map<String, Codec> namedCodecs) {
        this.byName = Map.copyOf(namedCodecs);
    }

    /** A registry with the built-in codecs only. */
    public TypeRegistry() {
        this(Map.of());
    }

    /** Type names whose OIDs must be looked up after login. */
    public java.util.Set<String> namesToResolve() {
        return byName.keySet();
    }

    /** Records that {@code typeName} has OID {@code oid} in this database. */
    public void bind(int oid, String typeName) {
        Codec c = byName.get(typeName);
        if (c != null) {
            dynamic.put(oid, c);
        }
    }

    /** The codec for {@code oid}, or null when only text can be used. */
    public Codec codec(int oid) {
        Codec c = Codecs.builtIn(oid);
        return c != null ? c : dynamic.get(oid);
    }

    /** Whether to ask for this result column in binary. */
    public boolean binaryResult(int oid) {
        Codec c = codec(oid);
        return c != null && c.binaryResults(oid);
    }
}
