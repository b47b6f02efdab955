package io.fasterapi.pg.internal.codec;

import io.fasterapi.pg.Range;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A multirange type (PostgreSQL 14+) as an unmodifiable {@code List<Range<T>>}, one instance per
 * multirange type holding its range type's OID; any List of Ranges is sent. Binary layout
 * (multirange_send in utils/adt/multirangetypes.c): int32 range count, then each range as int32
 * length and range_send's bytes. The simple protocol's text form decodes to a String.
 */
final class MultirangeCodec implements Codec, JavaTyped {
    private final int rangeOid;
    private final CodecLookup lookup;

    MultirangeCodec(int rangeOid, CodecLookup lookup) {
        this.rangeOid = rangeOid;
        this.lookup = lookup;
    }

    @Override
    public Object decodeBinary(int oid, ByteBuf buf, int index, int length) {
        Codec codec = WireValues.require(lookup, rangeOid, "a multirange's range");
        int n = buf.getInt(index);
        List<Object> ranges = new ArrayList<>(n);
        int pos = index + 4;
        for (int i = 0; i < n; i++) {
            int len = buf.getInt(pos);
            ranges.add(codec.decodeBinary(rangeOid, buf, pos + 4, len));
            pos += 4 + len;
        }
        return List.copyOf(ranges);
    }

    @Override
    public Object decodeText(int oid, ByteBuf buf, int index, int length) {
        return buf.toString(index, length, StandardCharsets.UTF_8);
    }

    @Override
    public boolean canEncode(int oid, Object value) {
        return value instanceof List<?> l && l.stream().allMatch(r -> r instanceof Range<?>);
    }

    @Override
    public void encodeBinary(int oid, Object value, ByteBuf out) {
        Codec codec = WireValues.require(lookup, rangeOid, "a multirange's range");
        List<?> ranges = (List<?>) value;
        out.writeInt(ranges.size());
        for (Object r : ranges) {
            WireValues.write(codec, rangeOid, r, out);
        }
    }

    @Override
    public boolean binaryResults(int oid) {
        Codec codec = lookup.codec(rangeOid);
        return codec != null && codec.binaryResults(rangeOid);
    }

    @Override
    public Class<?> javaType(int oid) {
        return List.class;
    }
}
