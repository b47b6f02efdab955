package io.fasterapi.pg.internal.codec;

import io.fasterapi.pg.Range;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * A range type as {@link Range}, one instance per range type holding its subtype OID. Binary
 * layout (range_send in utils/adt/rangetypes.c): a flags byte (flag values in utils/rangetypes.h),
 * then the lower bound unless empty or infinite, then the upper bound likewise, each as int32
 * length and the subtype's binary value. The simple protocol's text form decodes to a String.
 */
final class RangeCodec implements Codec, JavaTyped {
    private static final int EMPTY = 0x01;
    private static final int LOWER_INCLUSIVE = 0x02;
    private static final int UPPER_INCLUSIVE = 0x04;
    private static final int LOWER_INFINITE = 0x08;
    private static final int UPPER_INFINITE = 0x10;

    private final int subtypeOid;
    private final CodecLookup lookup;

    RangeCodec(int subtypeOid, CodecLookup lookup) {
        this.subtypeOid = subtypeOid;
        this.lookup = lookup;
    }

    @Override
    public Object decodeBinary(int oid, ByteBuf buf, int index, int length) {
        int flags = buf.getByte(index);
        if ((flags & EMPTY) != 0) {
            return Range.empty();
        }
        Codec codec = WireValues.require(lookup, subtypeOid, "a range bound");
        int pos = index + 1;
        Object lower = null;
        Object upper = null;
        if ((flags & LOWER_INFINITE) == 0) {
            int len = buf.getInt(pos);
            lower = codec.decodeBinary(subtypeOid, buf, pos + 4, len);
            pos += 4 + len;
        }
        if ((flags & UPPER_INFINITE) == 0) {
            int len = buf.getInt(pos);
            upper = codec.decodeBinary(subtypeOid, buf, pos + 4, len);
        }
        return Range.of(lower, (flags & LOWER_INCLUSIVE) != 0, upper, (flags & UPPER_INCLUSIVE) != 0);
    }

    @Override
    public Object decodeText(int oid, ByteBuf buf, int index, int length) {
        return buf.toString(index, length, StandardCharsets.UTF_8);
    }

    @Override
    public boolean canEncode(int oid, Object value) {
        return value instanceof Range<?>;
    }

    @Override
    public void encodeBinary(int oid, Object value, ByteBuf out) {
        Range<?> r = (Range<?>) value;
        if (r.isEmpty()) {
            out.writeByte(EMPTY);
            return;
        }
        Codec codec = WireValues.require(lookup, subtypeOid, "a range bound");
        int flags = (r.lower() == null ? LOWER_INFINITE : 0) | (r.upper() == null ? UPPER_INFINITE : 0)
                | (r.lowerInclusive() ? LOWER_INCLUSIVE : 0) | (r.upperInclusive() ? UPPER_INCLUSIVE : 0);
        out.writeByte(flags);
        if (r.lower() != null) {
            WireValues.write(codec, subtypeOid, r.lower(), out);
        }
        if (r.upper() != null) {
            WireValues.write(codec, subtypeOid, r.upper(), out);
        }
    }

    @Override
    public boolean binaryResults(int oid) {
        Codec codec = lookup.codec(subtypeOid);
        return codec != null && codec.binaryResults(subtypeOid);
    }

    @Override
    public Class<?> javaType(int oid) {
        return Range.class;
    }
}
