package io.fasterapi.pg.internal.connection;

import io.fasterapi.pg.PgException;
import io.fasterapi.pg.internal.codec.TypeDescription;
import io.fasterapi.pg.internal.codec.TypeRegistry;
import io.fasterapi.pg.internal.protocol.FrontendMessages;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Reads per-database types (enums, composites, domains, ranges, extension types such as hstore,
 * arrays of them) from the catalog, with everything they contain, in one simple Query, and adds
 * their codecs to the connection's {@link TypeRegistry}. A statement whose parameter or column
 * descriptions name an OID the registry has not seen sends this exchange right after its Prepare,
 * while it still holds the connection's writes, so nothing is encoded or decoded before the types
 * are known. Runs on the connection's event loop.
 */
final class TypeLookup extends Exchange {
    /** pg_range.rngmultitypid, and multiranges, arrived in PostgreSQL 14. */
    private static final int MULTIRANGE_SINCE = 14;

    private final TypeRegistry types;
    private final Command command;
    private final int[] requested;
    private final Consumer<PgException> then;
    private final Map<Integer, Row> rows = new LinkedHashMap<>();
    private PgException error;

    private TypeLookup(TypeRegistry types, Command command, int[] requested, Consumer<PgException> then) {
        this.types = types;
        this.command = command;
        this.requested = requested;
        this.then = then;
    }

    /**
     * Sends the lookup of {@code oids} for {@code command}; {@code then} runs once the types are
     * registered, with null, or with the error that stopped the lookup.
     */
    static void send(PgConnection c, Command command, int[] oids, Consumer<PgException> then) {
        int serverMajor = serverMajorVersion(c.session().parameter("server_version"));
        FrontendMessages.query(c.pipeline().out(), sql(oids, serverMajor));
        c.pipeline().sent(new TypeLookup(c.types(), command, oids, then));
    }

    static int serverMajorVersion(String serverVersion) {
        if (serverVersion == null) {
            return 0;
        }
        int end = 0;
        while (end < serverVersion.length() && Character.isDigit(serverVersion.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(serverVersion, 0, end, 10);
    }

    /**
     * The closure of the requested types over element, base, attribute, range-subtype and
     * multirange-range references (a recursive CTE; UNION stops at types already seen), one row per
     * type and composite attribute. The OIDs are integers, so inlining them is safe.
     */
    static String sql(int[] oids, int serverMajor) {
        boolean multiranges = serverMajor >= MULTIRANGE_SINCE;
        String list = Arrays.stream(oids).mapToObj(o -> Long.toString(Integer.toUnsignedLong(o)))
                .collect(Collectors.joining(","));
        return "WITH RECURSIVE deps(oid) AS ("
                + " SELECT unnest('{" + list + "}'::pg_catalog.oid[])"
                + " UNION SELECT d.dep FROM deps JOIN pg_catalog.pg_type t ON t.oid = deps.oid"
                + " CROSS JOIN LATERAL ("
                + "  SELECT t.typelem WHERE t.typelem <> 0"
                + "  UNION ALL SELECT t.typbasetype WHERE t.typbasetype <> 0"
                + "  UNION ALL SELECT a.atttypid FROM pg_catalog.pg_attribute a"
                + "   WHERE t.typrelid <> 0 AND a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped"
                + "  UNION ALL SELECT r.rngsubtype FROM pg_catalog.pg_range r WHERE r.rngtypid = t.oid"
                + (multiranges ? "  UNION ALL SELECT r.rngtypid FROM pg_catalog.pg_range r WHERE r.rngmultitypid = t.oid" : "")
                + " ) d(dep))"
                + " SELECT t.oid, t.typname, t.typtype, t.typcategory, t.typelem, t.typbasetype,"
                + " COALESCE(r.rngsubtype, 0), " + (multiranges ? "COALESCE(m.rngtypid, 0)" : "0")
                + ", a.attname, a.atttypid"
                + " FROM deps JOIN pg_catalog.pg_type t ON t.oid = deps.oid"
                + " LEFT JOIN pg_catalog.pg_range r ON r.rngtypid = t.oid"
                + (multiranges ? " LEFT JOIN pg_catalog.pg_range m ON m.rngmultitypid = t.oid" : "")
                + " LEFT JOIN pg_catalog.pg_attribute a ON t.typrelid <> 0 AND a.attrelid = t.typrelid"
                + "  AND a.attnum > 0 AND NOT a.attisdropped"
                + " ORDER BY t.oid, a.attnum";
    }

    @Override
    Command command() {
        return command;
    }

    @Override
    public void dataRow(ByteBuf buffer, int start, int length) {
        String[] f = textFields(buffer, start);
        int oid = (int) Long.parseLong(f[0]);
        Row r = rows.computeIfAbsent(oid, k -> new Row(oid, f[1], f[2].charAt(0), f[3].charAt(0),
                oidOf(f[4]), oidOf(f[5]), oidOf(f[6]), oidOf(f[7])));
        if (f[8] != null) {
            r.fieldNames.add(f[8]);
            r.fieldTypes.add(oidOf(f[9]));
        }
    }

    private static int oidOf(String s) {
        return (int) Long.parseLong(s);
    }

    /** The fields of a text-format DataRow (int16 count, then int32 length or -1 and the bytes). */
    private static String[] textFields(ByteBuf row, int start) {
        int at = start;
        int n = row.getUnsignedShort(at);
        at += 2;
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            int len = row.getInt(at);
            at += 4;
            if (len >= 0) {
                out[i] = row.toString(at, len, StandardCharsets.UTF_8);
                at += len;
            }
        }
        return out;
    }

    @Override
    void error(PgException e) {
        error = e;
    }

    @Override
    void readyForQuery(PgConnection connection, char status) {
        if (error == null) {
            List<TypeDescription> found = new ArrayList<>(rows.size());
            for (Row r : rows.values()) {
                found.add(r.describe());
            }
            types.define(found, requested);
        }
        then.accept(error);
    }

    @Override
    void fail(Throwable cause) {
        command.fail(cause);
    }

    /** One type while its attribute rows are collected. */
    private static final class Row {
        final int oid;
        final String name;
        final char kind;
        final char category;
        final int elementType;
        final int baseType;
        final int rangeSubtype;
        final int multirangeRange;
        final List<String> fieldNames = new ArrayList<>();
        final List<Integer> fieldTypes = new ArrayList<>();

        Row(int oid, String name, char kind, char category, int elementType, int baseType, int rangeSubtype,
                int multirangeRange) {
            this.oid = oid;
            this.name = name;
            this.kind = kind;
            this.category = category;
            this.elementType = elementType;
            this.baseType = baseType;
            this.rangeSubtype = rangeSubtype;
            this.multirangeRange = multirangeRange;
        }

        TypeDescription describe() {
            return new TypeDescription(oid, name, kind, category, elementType, baseType, rangeSubtype,
                    multirangeRange, List.copyOf(fieldNames), fieldTypes.stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
