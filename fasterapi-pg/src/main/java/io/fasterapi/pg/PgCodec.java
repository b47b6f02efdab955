package io.fasterapi.pg;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads and writes the values of one PostgreSQL type as a Java class of your choice: an
 * extension's type the driver has no codec for (PostGIS's {@code geometry}, {@code ltree}), an
 * enum whose labels are not Java names, a type of your own. Register it by the type's name with
 * {@link PgPool.Builder#codec(String, PgCodec)}. The type's OID differs per database, so each
 * connection learns it the way it learns enums and composites: the first time a statement's
 * parameter or column has a type it does not know, it reads the type from {@code pg_type} and, when
 * the name matches, uses this codec for that OID.
 *
 * <p>A codec reads and writes the type's <em>text</em> form, the one its input and output
 * functions use ({@code '(1,2)'}, {@code 'so-so'}); a {@link Binary} codec also reads and writes its
 * binary form (the type's send and receive functions), which the driver then uses instead:
 * {@snippet :
 * enum Mood { SAD, SO_SO, HAPPY }                        // CREATE TYPE mood AS ENUM ('sad', 'so-so', 'happy')
 *
 * PgPool pool = PgPool.builder(dsn)
 *         .codec("mood", PgCodec.text(Mood.class,
 *                 label -> Mood.valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_')),
 *                 mood -> mood.name().toLowerCase(Locale.ROOT).replace('_', '-')))
 *         .build();
 * Mood m = pg.exec("SELECT mood FROM visits WHERE id = $1", 7).scalar(Mood.class);
 * pg.exec("UPDATE visits SET mood = $1 WHERE id = $2", Mood.SO_SO, 7);   // sent with the codec
 * }
 *
 * <p>Where the codec is used: a column of the type decodes to the codec's class
 * ({@code row.get(i)}, {@code row.get(i, MyType.class)}, a record component of that class, and
 * {@code scalar}/{@code one(MyType.class)} on a one-column result); a parameter whose type the
 * server infers as this type is encoded with the codec when the argument is an instance of
 * {@link #javaType()}; a String argument still goes as text for the server to parse, so
 * {@code 'SRID=4326;POINT(1 2)'} works beside a value object. A domain over the type uses its
 * codec. With a {@link Binary} codec, arrays of the type (read as arrays of the codec's class and
 * sent from them), ranges over it and composites with fields of it use the codec too; with a text
 * codec they arrive as their text, a String. {@link Pg#script} (the simple protocol) reads the
 * text form with the codec once the connection has met the type in a prepared statement, and as
 * String before.
 *
 * <p>Errors: an exception thrown by a codec fails only the read or the statement that called it,
 * with a {@link PgException} naming the type and the column or parameter (the codec's exception
 * is its cause); the connection stays usable. The pool does not check the names when it starts,
 * so a database may gain the type after the pool connects (a migration creating the extension
 * through the pool): a codec whose type the database lacks is never used, and a statement naming
 * that type fails with the server's own error, {@code 42704 type "geometry" does not exist}.
 *
 * <p>Threads: decoding runs on the thread reading the row, encoding on the connection's event
 * loop, so a codec must be thread-safe (stateless is best) and must not block.
 *
 * @param <T> the Java class values of the type are read as and sent from
 */
public interface PgCodec<T> {

    /**
     * The class every value decodes to; arguments that are instances of it are encoded with this
     * codec.
     */
    Class<T> javaType();

    /** The value whose text form (the type's output function) is {@code text}. */
    T decodeText(String text);

    /** The text form of {@code value}, for the type's input function to parse. */
    String encodeText(T value);

    /**
     * A codec that also reads and writes the type's binary form (its receive and send functions):
     * columns are then asked for in binary and parameters sent in binary, and the text methods
     * serve only the simple protocol.
     * {@snippet :
     * record Wkb(byte[] bytes) { }                          // PostGIS geometry as (E)WKB
     *
     * final class WkbCodec implements PgCodec.Binary<Wkb> {
     *     public Class<Wkb> javaType() { return Wkb.class; }
     *     public Wkb decodeBinary(ByteBuffer value) {       // geometry_send: EWKB
     *         byte[] b = new byte[value.remaining()];
     *         value.get(b);
     *         return new Wkb(b);
     *     }
     *     public byte[] encodeBinary(Wkb value) { return value.bytes(); }    // geometry_recv takes (E)WKB
     *     public Wkb decodeText(String hex) { return new Wkb(HexFormat.of().parseHex(hex)); }  // geometry_out: hex EWKB
     *     public String encodeText(Wkb value) { return HexFormat.of().formatHex(value.bytes()); }
     * }
     * }
     *
     * @param <T> the Java class values of the type are read as and sent from
     */
    interface Binary<T> extends PgCodec<T> {

        /**
         * The value whose binary form is {@code value}: a read-only, big-endian view of the received
         * bytes from position 0 to its limit, valid only during this call (the bytes are in a
         * reused receive buffer), so copy what the value keeps.
         */
        T decodeBinary(ByteBuffer value);

        /** The binary form of {@code value}, as the type's receive function reads it. */
        byte[] encodeBinary(T value);
    }

    /**
     * A text codec from two functions: {@code decode} parses the type's output, {@code encode}
     * writes what its input function reads.
     */
    static <T> PgCodec<T> text(Class<T> javaType, Function<String, ? extends T> decode,
            Function<? super T, String> encode) {
        Objects.requireNonNull(javaType, "javaType");
        Objects.requireNonNull(decode, "decode");
        Objects.requireNonNull(encode, "encode");
        return new PgCodec<>() {
            @Override
            public Class<T> javaType() {
                return javaType;
            }

            @Override
            public T decodeText(String text) {
                return decode.apply(text);
            }

            @Override
            public String encodeText(T value) {
                return encode.apply(value);
            }

            @Override
            public String toString() {
                return "PgCodec.text(" + javaType.getName() + ")";
            }
        };
    }
}
