package io.fasterapi.pg.internal.codec;

import io.netty.buffer.ByteBuf;

/**
 * The length-prefixed values nested inside arrays, ranges, composites and hstore: an int32 byte
 * count (-1 for NULL) then the value in binary, as array_send, range_send and record_send write
 * them.
 */
final class WireValues {
    private WireValues() {
    }

    /** Writes {@code value} (null allowed) as type {@code oid} with its length word. */
    static void write(Codec codec, int oid, Object value, ByteBuf out) {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        if (!codec.canEncode(oid, value)) {
            throw new IllegalArgumentException("cannot send " + value.getClass().getName() + " as " + Oids.name(oid));
        }
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        codec.encodeBinary(oid, value, out);
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
    }

    /** The codec of {@code oid}, failing clearly when there is none. */
    static Codec require(CodecLookup lookup, int oid, String where) {
        Codec c = lookup.codec(oid);
        if (c == null) {
            throw new IllegalArgumentException(where + " has type " + Oids.name(oid)
                    + ", which has no binary codec; cast it to text in the query");
        }
        return c;
    }
}
