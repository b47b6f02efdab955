package io.fasterapi.pg.internal.codec;

import io.netty.buffer.ByteBuf;

/**
 * A domain, sent and received as its base type (domain_recv runs the base type's receive function
 * and then checks the domain's constraints). Result columns of a domain type are already described
 * with the base type's OID; domain OIDs show up in parameter descriptions, composite fields and
 * array elements.
 */
final class DomainCodec implements Codec, JavaTyped {
    private final int baseOid;
    private final CodecLookup lookup;

    DomainCodec(int baseOid, CodecLookup lookup) {
        this.baseOid = baseOid;
        this.lookup = lookup;
    }

    private Codec base() {
        return WireValues.require(lookup, baseOid, "a domain's base type");
    }

    @Override
    public Object decodeBinary(int oid, ByteBuf buf, int index, int length) {
        return base().decodeBinary(baseOid, buf, index, length);
    }

    @Override
    public Object decodeText(int oid, ByteBuf buf, int index, int length) {
        Codec c = lookup.codec(baseOid);
        return (c != null ? c : Codecs.textFallback()).decodeText(baseOid, buf, index, length);
    }

    @Override
    public boolean canEncode(int oid, Object value) {
        Codec c = lookup.codec(baseOid);
        return c != null && c.canEncode(baseOid, value);
    }

    @Override
    public void encodeBinary(int oid, Object value, ByteBuf out) {
        base().encodeBinary(baseOid, value, out);
    }

    @Override
    public String encodeText(int oid, Object value) {
        Codec c = lookup.codec(baseOid);
        return c == null ? null : c.encodeText(baseOid, value);
    }

    @Override
    public boolean binaryResults(int oid) {
        Codec c = lookup.codec(baseOid);
        return c != null && c.binaryResults(baseOid);
    }

    @Override
    public Class<?> javaType(int oid) {
        Codec c = lookup.codec(baseOid);
        return c == null ? String.class : ArrayCodec.elementClass(baseOid, c);
    }
}
