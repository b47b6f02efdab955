package io.fasterapi.pg.internal.codec;

import io.netty.buffer.ByteBuf;

/**
 * Converts one family of PostgreSQL types (all the integers, all the text-like types, ...) between
 * their wire formats and Java values. One instance serves every connection: codecs hold no state.
 *
 * <p>Decoding reads straight from the received buffer ({@code buf} from {@code index} for
 * {@code length} bytes, never moving its indices); encoding writes straight into the outgoing
 * Bind message. A codec is asked for binary first; {@link #decodeText} serves the simple query
 * protocol, which always returns text. Every method runs on the connection's event loop or on the
 * thread reading a row.
 *
 * @implNote To add a type family, implement this interface and register its OIDs in
 *     {@link Codecs} (built-in OIDs) or by type name in {@link TypeRegistry} (OIDs assigned per
 *     database, such as hstore, looked up when a statement first meets the type). Users add
 *     theirs the same way, by name, through {@link io.fasterapi.pg.PgCodec} and {@link UserCodec}.
 */
public interface Codec {

    /** Decodes a binary value of type {@code oid}. */
    Object decodeBinary(int oid, ByteBuf buf, int index, int length);

    /** Decodes a text value (UTF-8) of type {@code oid}. */
    Object decodeText(int oid, ByteBuf buf, int index, int length);

    /**
     * Whether this codec can send {@code value} (never null) as type {@code oid} in binary. A false
     * answer lets the driver fall back to text (for strings) or fail naming the parameter.
     */
    boolean canEncode(int oid, Object value);

    /**
     * Writes {@code value} as type {@code oid} in binary, without the length prefix (the caller
     * writes it). Throws {@link IllegalArgumentException} when the value does not fit the type; the
     * caller turns it into a {@link io.fasterapi.pg.PgException} naming the parameter.
     */
    void encodeBinary(int oid, Object value, ByteBuf out);

    /**
     * The text form of {@code value} as type {@code oid}, for a parameter this codec sends as text
     * (format 0, parsed by the type's input function), or null when it sends no such value as text
     * (the default: built-in codecs send binary). Asked only when {@link #canEncode} says no; a
     * user's text codec ({@link UserCodec}) answers here. Throws {@link IllegalArgumentException}
     * like {@link #encodeBinary}.
     */
    default String encodeText(int oid, Object value) {
        return null;
    }

    /** Whether columns of {@code oid} may be requested in binary (false means text for that type). */
    default boolean binaryResults(int oid) {
        return true;
    }
}
