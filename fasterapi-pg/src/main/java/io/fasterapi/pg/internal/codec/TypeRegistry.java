package io.fasterapi.pg.internal.codec;

import io.netty.util.collection.IntObjectHashMap;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The codecs one connection can use: the built-in ones, plus codecs for types whose OIDs differ
 * per database (extension types such as hstore, enums, composites, domains, ranges and arrays of
 * them, and the types users registered codecs for by name), added once their OIDs are known. Owned
 * by the connection: only its event loop adds to it, but {@link #codec(int)} and
 * {@link #typeName(int)} may be called from any thread (rows decode where they are read), so the
 * maps of per-database codecs and names are replaced, never changed, when types are added.
 *
 * @implNote Per-database types are found lazily: when a statement's parameter or column
 *     descriptions name an OID from {@link #unresolved}, the connection reads the type and
 *     everything it contains from pg_type (see {@code TypeLookup}) and calls {@link #define} before
 *     it encodes or decodes anything. A codec registered by type name (hstore's, and the users'
 *     {@link UserCodec}s) is bound to every OID whose pg_type.typname is that name, ahead of the
 *     codec its kind would get (an enum's, a domain's...); OIDs are never hard-coded for such types.
 */
public final class TypeRegistry implements CodecLookup {
    /** Codecs the driver binds by type name in every database. */
    private static final Map<String, Codec> BUILT_IN_NAMED = Map.of("hstore", HstoreCodec.INSTANCE);

    private volatile IntObjectHashMap<Codec> dynamic = new IntObjectHashMap<>();
    private volatile IntObjectHashMap<String> names = new IntObjectHashMap<>();
    private final Set<Integer> resolved = new HashSet<>();
    private final Map<String, Codec> byName;

    /**
     * A registry with the built-in codecs, the extension types this driver knows (hstore) and
     * {@code userCodecs} by type name; a user's codec wins over a built-in one of the same name.
     */
    public TypeRegistry(Map<String, ? extends Codec> userCodecs) {
        Map<String, Codec> named = new HashMap<>(BUILT_IN_NAMED);
        named.putAll(userCodecs);
        this.byName = Map.copyOf(named);
        IntObjectHashMap<Codec> initial = new IntObjectHashMap<>();
        // The anonymous record's fields may be per-database types, so its codecs look them up here.
        initial.put(Oids.RECORD, CompositeCodec.anonymous(this));
        initial.put(Oids.RECORD_ARRAY, new ArrayCodec(Oids.RECORD, this));
        dynamic = initial;
    }

    /** A registry with the built-in codecs and the extension types this driver knows (hstore). */
    public TypeRegistry() {
        this(Map.of());
    }

    /** The codec for {@code oid}, or null when only text can be used. Any thread. */
    @Override
    public Codec codec(int oid) {
        Codec c = Codecs.builtIn(oid);
        return c != null ? c : dynamic.get(oid);
    }

    /**
     * The name of type {@code oid} for messages: the SQL name of a built-in type, pg_type.typname
     * of a per-database type this connection has looked up, else {@code type oid N}. Any thread.
     */
    public String typeName(int oid) {
        String name = names.get(oid);
        return name != null ? name : Oids.name(oid);
    }

    /** Whether to ask for this result column in binary. */
    public boolean binaryResult(int oid) {
        Codec c = codec(oid);
        return c != null && c.binaryResults(oid);
    }

    /**
     * The per-database OIDs among {@code oidLists} that this connection has not looked up yet
     * (built-in OIDs without a codec are not: they stay text). Event loop only.
     */
    public int[] unresolved(int[]... oidLists) {
        Set<Integer> found = new HashSet<>();
        for (int[] oids : oidLists) {
            if (oids == null) {
                continue;
            }
            for (int oid : oids) {
                if (Integer.compareUnsigned(oid, Oids.FIRST_PER_DATABASE) >= 0 && !resolved.contains(oid)
                        && codec(oid) == null) {
                    found.add(oid);
                }
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Adds the codecs of looked-up types; {@code requested} are the OIDs that were asked for, marked
     * resolved even if the catalog had no codec-worthy answer, so they are not asked again. Event
     * loop only.
     */
    public void define(Collection<TypeDescription> types, int[] requested) {
        IntObjectHashMap<Codec> next = new IntObjectHashMap<>(dynamic.size() + types.size());
        next.putAll(dynamic);
        IntObjectHashMap<String> nextNames = new IntObjectHashMap<>(names.size() + types.size());
        nextNames.putAll(names);
        for (TypeDescription t : types) {
            nextNames.put(t.oid(), t.name());
            Codec c = codecFor(t);
            if (c != null && Codecs.builtIn(t.oid()) == null) {
                next.put(t.oid(), c);
            }
            resolved.add(t.oid());
        }
        for (int oid : requested) {
            resolved.add(oid);
        }
        names = nextNames;
        dynamic = next;
    }

    private Codec codecFor(TypeDescription t) {
        Codec named = byName.get(t.name());
        if (named != null) {
            return named;
        }
        return switch (t.kind()) {
            case 'e' -> EnumCodec.INSTANCE;
            case 'd' -> new DomainCodec(t.baseType(), this);
            case 'c' -> CompositeCodec.named(t.fieldNames(), t.fieldTypes(), this);
            case 'r' -> new RangeCodec(t.rangeSubtype(), this);
            case 'm' -> new MultirangeCodec(t.multirangeRange(), this);
            case 'b' -> t.category() == 'A' && t.elementType() != 0 ? new ArrayCodec(t.elementType(), this) : null;
            default -> null;
        };
    }
}
