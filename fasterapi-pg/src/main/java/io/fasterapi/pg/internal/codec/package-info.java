/**
 * Codecs: one {@link io.fasterapi.pg.internal.codec.Codec} per family of PostgreSQL types,
 * stateless and shared, decoding straight from the receive buffer and encoding straight into the
 * Bind message.
 *
 * <h2>Adding a type family</h2>
 * <ol>
 *   <li>Implement {@code Codec}: {@code decodeBinary}/{@code decodeText} read
 *       {@code [index, index+length)} of the buffer without moving its indices; {@code canEncode}
 *       says whether a Java value can be sent as the OID; {@code encodeBinary} writes the value
 *       without its length prefix and throws {@code IllegalArgumentException} when the value does
 *       not fit (the driver names the parameter). Return false from {@code binaryResults} if the
 *       binary form is not supported for some OID: the column then arrives as text.</li>
 *   <li>Built-in types (fixed OIDs from {@code pg_type.dat}): add the OIDs to
 *       {@link io.fasterapi.pg.internal.codec.Oids} and register them in the static block of
 *       {@link io.fasterapi.pg.internal.codec.Codecs}. Arrays of a type use the array OID
 *       ({@code typarray}) and can delegate the elements to the element type's codec.</li>
 *   <li>Per-database types (hstore, enums, composites, domains): never hard-code the OID; give the
 *       codec to {@link io.fasterapi.pg.internal.codec.TypeRegistry} by type name. When a
 *       statement's parameter or column has an OID the connection does not know, it reads the type
 *       from {@code pg_type} ({@code TypeLookup}) and binds the codec whose name is the type's
 *       {@code typname}. Users' codecs ({@link io.fasterapi.pg.PgCodec}, registered with
 *       {@code PgPool.Builder.codec}) are bound the same way, wrapped in
 *       {@link io.fasterapi.pg.internal.codec.UserCodec}.</li>
 *   <li>Add the type to {@code CodecRoundTripTest}: a seeded generator plus its text literal, so
 *       the server confirms {@code IS NOT DISTINCT FROM} in both formats.</li>
 * </ol>
 *
 * <p>Types without a codec travel as text and decode to String; String and enum parameters are
 * sent as text for any type, so the server's input function parses them.
 */
package io.fasterapi.pg.internal.codec;
