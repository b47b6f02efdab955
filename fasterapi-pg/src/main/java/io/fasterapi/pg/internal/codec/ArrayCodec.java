package io.fasterapi.pg.internal.codec;

import io.fasterapi.pg.PgArray;
import io.netty.buffer.ByteBuf;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Arrays of one element type, any number of dimensions, NULL elements allowed. One instance per
 * array type, holding its element OID; element codecs are found through a {@link CodecLookup} so
 * arrays of per-database types (enums, composites) work the same way.
 *
 * <p>Binary layout (array_send in utils/adt/arrayfuncs.c): int32 dimension count (0 for an empty
 * array), int32 flags (1 when there are NULLs), int32 element OID, then per dimension int32 size
 * and int32 lower bound, then every element in row-major order as int32 length (-1 for NULL) and
 * bytes. array_recv insists that the element OID is exactly the array type's element type.
 *
 * <p>Java side: an array whose lower bounds are all 1 decodes to a Java array typed by the element
 * ({@code Integer[]}, {@code String[][]}, {@code Number[]} for numeric since NaN is a Double);
 * any other lower bound decodes to a {@link PgArray} so the bounds survive. Java arrays (also of
 * primitives), nested Lists and PgArray are sent; a nested container counts as a dimension unless
 * the element codec takes it as one value (a {@code byte[]} in a bytea array). The simple
 * protocol's text form decodes to a String.
 */
final class ArrayCodec implements Codec {
    private final int elementOid;
    private final CodecLookup lookup;

    ArrayCodec(int elementOid, CodecLookup lookup) {
        this.elementOid = elementOid;
        this.lookup = lookup;
    }

    @Override
    public Object decodeBinary(int oid, ByteBuf buf, int index, int length) {
        int ndim = buf.getInt(index);
        int elemOid = buf.getInt(index + 8);
        Codec codec = WireValues.require(lookup, elemOid, "an array element");
        Class<?> type = elementClass(elemOid, codec);
        if (ndim == 0) {
            return Array.newInstance(type, 0);
        }
        int[] dims = new int[ndim];
        int[] lowerBounds = new int[ndim];
        boolean defaultBounds = true;
        long total = 1;
        for (int d = 0; d < ndim; d++) {
            dims[d] = buf.getInt(index + 12 + 8 * d);
            lowerBounds[d] = buf.getInt(index + 16 + 8 * d);
            defaultBounds &= lowerBounds[d] == 1;
            total *= dims[d];
        }
        Object[] flat = (Object[]) Array.newInstance(type, Math.toIntExact(total));
        int pos = index + 12 + 8 * ndim;
        for (int i = 0; i < flat.length; i++) {
            int len = buf.getInt(pos);
            pos += 4;
            if (len >= 0) {
                Object v = codec.decodeBinary(elemOid, buf, pos, len);
                if (!type.isInstance(v)) {
                    flat = Arrays.copyOf(flat, flat.length, Object[].class);
                    type = Object.class;
                }
                flat[i] = v;
                pos += len;
            }
        }
        if (!defaultBounds) {
            return PgArray.of(dims, lowerBounds, flat);
        }
        return ndim == 1 ? flat : nest(flat, dims, type);
    }

    private static Object nest(Object[] flat, int[] dims, Class<?> type) {
        Object result = Array.newInstance(type, dims);
        fill(result, 0, dims, flat, new int[1]);
        return result;
    }

    private static void fill(Object array, int depth, int[] dims, Object[] flat, int[] cursor) {
        for (int i = 0; i < dims[depth]; i++) {
            if (depth == dims.length - 1) {
                Array.set(array, i, flat[cursor[0]++]);
            } else {
                fill(Array.get(array, i), depth + 1, dims, flat, cursor);
            }
        }
    }

    /** The Java class of decoded elements, for a typed array. */
    static Class<?> elementClass(int oid, Codec codec) {
        if (codec instanceof JavaTyped t) {
            return t.javaType(oid);
        }
        return switch (oid) {
            case Oids.BOOL -> Boolean.class;
            case Oids.INT2 -> Short.class;
            case Oids.INT4 -> Integer.class;
            case Oids.INT8, Oids.OID -> Long.class;
            case Oids.FLOAT4 -> Float.class;
            case Oids.FLOAT8 -> Double.class;
            case Oids.NUMERIC -> Number.class;
            case Oids.TEXT, Oids.VARCHAR, Oids.BPCHAR, Oids.NAME, Oids.XML, Oids.UNKNOWN -> String.class;
            case Oids.BYTEA -> byte[].class;
            case Oids.UUID -> UUID.class;
            case Oids.DATE -> LocalDate.class;
            case Oids.TIME -> LocalTime.class;
            case Oids.TIMESTAMP -> LocalDateTime.class;
            case Oids.TIMESTAMPTZ -> OffsetDateTime.class;
            default -> Object.class;
        };
    }

    @Override
    public Object decodeText(int oid, ByteBuf buf, int index, int length) {
        return buf.toString(index, length, StandardCharsets.UTF_8);
    }

    @Override
    public boolean canEncode(int oid, Object value) {
        return value instanceof PgArray || value instanceof List<?> || value.getClass().isArray();
    }

    @Override
    public void encodeBinary(int oid, Object value, ByteBuf out) {
        Codec codec = WireValues.require(lookup, elementOid, "an array element");
        int[] dims;
        int[] lowerBounds;
        List<Object> elements;
        if (value instanceof PgArray a) {
            dims = a.dimensions();
            lowerBounds = a.lowerBounds();
            elements = a.elements();
        } else {
            dims = shape(value, codec);
            lowerBounds = new int[dims.length];
            Arrays.fill(lowerBounds, 1);
            elements = new ArrayList<>();
            flatten(value, 0, dims, codec, elements);
        }
        if (dims.length > PgArray.MAX_DIMENSIONS) {
            throw new IllegalArgumentException("PostgreSQL arrays have at most " + PgArray.MAX_DIMENSIONS
                    + " dimensions, not " + dims.length);
        }
        if (elements.isEmpty()) {
            out.writeInt(0).writeInt(0).writeInt(elementOid);
            return;
        }
        out.writeInt(dims.length).writeInt(elements.contains(null) ? 1 : 0).writeInt(elementOid);
        for (int d = 0; d < dims.length; d++) {
            out.writeInt(dims[d]).writeInt(lowerBounds[d]);
        }
        for (int i = 0; i < elements.size(); i++) {
            try {
                WireValues.write(codec, elementOid, elements.get(i), out);
            } catch (IllegalArgumentException | ClassCastException e) {
                throw new IllegalArgumentException("array element " + i + ": " + e.getMessage(), e);
            }
        }
    }

    private boolean isContainer(Object v, Codec codec) {
        return v != null && (v instanceof List<?> || v.getClass().isArray()) && !codec.canEncode(elementOid, v);
    }

    private int[] shape(Object value, Codec codec) {
        List<Integer> dims = new ArrayList<>();
        Object cur = value;
        while (isContainer(cur, codec)) {
            int n = size(cur);
            dims.add(n);
            if (n == 0 || dims.size() > PgArray.MAX_DIMENSIONS) {
                break;
            }
            cur = get(cur, 0);
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    private void flatten(Object v, int depth, int[] dims, Codec codec, List<Object> out) {
        if (depth == dims.length) {
            if (isContainer(v, codec)) {
                throw new IllegalArgumentException("the array is not rectangular: more nesting than its first element");
            }
            out.add(v);
            return;
        }
        if (!isContainer(v, codec) || size(v) != dims[depth]) {
            throw new IllegalArgumentException("the array is not rectangular: dimension " + (depth + 1)
                    + " should have " + dims[depth] + " elements everywhere");
        }
        for (int i = 0; i < dims[depth]; i++) {
            flatten(get(v, i), depth + 1, dims, codec, out);
        }
    }

    private static int size(Object container) {
        return container instanceof List<?> l ? l.size() : Array.getLength(container);
    }

    private static Object get(Object container, int i) {
        return container instanceof List<?> l ? l.get(i) : Array.get(container, i);
    }

    @Override
    public boolean binaryResults(int oid) {
        Codec codec = lookup.codec(elementOid);
        return codec != null && codec.binaryResults(elementOid);
    }
}
