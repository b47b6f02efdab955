package io.fasterapi.pg.internal.codec;

import io.fasterapi.pg.PgRecord;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Composite types as {@link PgRecord}: one instance per named composite type (its field names and
 * OIDs from pg_attribute, per database), and one for the anonymous {@code record} type whose fields
 * are known only from the wire. Fields are decoded with their own codecs, so composites nest.
 *
 * <p>Binary layout (record_send in utils/adt/rowtypes.c): int32 field count (dropped columns left
 * out), then per field int32 type OID, int32 length (-1 for NULL) and the value. record_recv checks
 * every OID against the type's attributes and refuses anonymous records as input, so only named
 * composites are sent: from a PgRecord or a Java record, by field order. (Not from an Object[],
 * which would be ambiguous with an array of composites.)
 */
final class CompositeCodec implements Codec, JavaTyped {
    private final List<String> names;
    private final int[] fieldOids;
    private final CodecLookup lookup;

    private CompositeCodec(List<String> names, int[] fieldOids, CodecLookup lookup) {
        this.names = names;
        this.fieldOids = fieldOids;
        this.lookup = lookup;
    }

    /** The codec of a named composite type with these fields. */
    static CompositeCodec named(List<String> names, int[] fieldOids, CodecLookup lookup) {
        return new CompositeCodec(List.copyOf(names), fieldOids.clone(), lookup);
    }

    /** The codec of the anonymous {@code record} type. */
    static CompositeCodec anonymous(CodecLookup lookup) {
        return new CompositeCodec(null, null, lookup);
    }

    @Override
    public Object decodeBinary(int oid, ByteBuf buf, int index, int length) {
        int n = buf.getInt(index);
        if (fieldOids != null && n != fieldOids.length) {
            throw new IllegalArgumentException("the server sent " + n + " fields for a composite type the connection"
                    + " knows with " + fieldOids.length + "; was the type altered? Reconnect to reload it");
        }
        Object[] values = new Object[n];
        int pos = index + 4;
        for (int i = 0; i < n; i++) {
            int fieldOid = buf.getInt(pos);
            int len = buf.getInt(pos + 4);
            pos += 8;
            if (len >= 0) {
                Codec codec = WireValues.require(lookup, fieldOid, "record field " + (i + 1));
                values[i] = codec.decodeBinary(fieldOid, buf, pos, len);
                pos += len;
            }
        }
        return names == null ? PgRecord.of(values) : PgRecord.of(names, Arrays.asList(values));
    }

    @Override
    public Object decodeText(int oid, ByteBuf buf, int index, int length) {
        return buf.toString(index, length, StandardCharsets.UTF_8);
    }

    @Override
    public boolean canEncode(int oid, Object value) {
        return fieldOids != null
                && (value instanceof PgRecord || value.getClass().isRecord());
    }

    @Override
    public void encodeBinary(int oid, Object value, ByteBuf out) {
        Object[] values = switch (value) {
            case PgRecord r -> r.values().toArray();
            default -> RecordComponents.values((Record) value);
        };
        if (values.length != fieldOids.length) {
            throw new IllegalArgumentException("the composite type " + Oids.name(oid) + " has " + fieldOids.length
                    + " fields " + names + ", the value has " + values.length);
        }
        out.writeInt(values.length);
        for (int i = 0; i < values.length; i++) {
            out.writeInt(fieldOids[i]);
            try {
                WireValues.write(WireValues.require(lookup, fieldOids[i], "field " + names.get(i)), fieldOids[i],
                        values[i], out);
            } catch (IllegalArgumentException | ClassCastException e) {
                throw new IllegalArgumentException("field " + names.get(i) + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public boolean binaryResults(int oid) {
        if (fieldOids == null) {
            return true;
        }
        for (int f : fieldOids) {
            Codec c = lookup.codec(f);
            if (c == null || !c.binaryResults(f)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Class<?> javaType(int oid) {
        return PgRecord.class;
    }
}
