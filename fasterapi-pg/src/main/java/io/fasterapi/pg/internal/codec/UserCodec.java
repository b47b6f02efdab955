package io.fasterapi.pg.internal.codec;

import io.fasterapi.pg.PgCodec;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * A {@link PgCodec} registered by a user for the type named {@link #typeName()}, seen through the
 * driver's {@link Codec} interface. A {@link PgCodec.Binary} codec is used in binary both ways;
 * a text codec makes its columns arrive as text and sends its parameters as text (format 0, parsed
 * by the type's input function) through {@link #encodeText}.
 *
 * <p>Whatever the user's code throws is rethrown as an {@link IllegalArgumentException} naming the
 * type, which the driver turns into a {@link io.fasterapi.pg.PgException} naming the column or
 * parameter (so one bad value fails one read or one statement, never the connection).
 */
public final class UserCodec implements Codec, JavaTyped {
    private final String typeName;
    private final PgCodec<Object> codec;
    private final PgCodec.Binary<Object> binary;

    @SuppressWarnings("unchecked")
    public UserCodec(String typeName, PgCodec<?> codec) {
        this.typeName = typeName;
        this.codec = (PgCodec<Object>) codec;
        this.binary = codec instanceof PgCodec.Binary<?> b ? (PgCodec.Binary<Object>) b : null;
    }

    /** The pg_type.typname this codec was registered for. */
    public String typeName() {
        return typeName;
    }

    /** The class the user's codec decodes to. */
    public Class<?> javaType() {
        return codec.javaType();
    }

    @Override
    public Class<?> javaType(int oid) {
        return codec.javaType();
    }

    @Override
    public Object decodeBinary(int oid, ByteBuf buf, int index, int length) {
        if (binary == null) {
            // Only an anonymous record (SELECT row(...)) asks for its fields in binary regardless.
            throw new IllegalArgumentException("the codec of type " + typeName
                    + " reads text only, and the value arrived in binary; cast it to text in the query");
        }
        try {
            return binary.decodeBinary(buf.nioBuffer(index, length).asReadOnlyBuffer());
        } catch (RuntimeException e) {
            throw failed("decode", e);
        }
    }

    @Override
    public Object decodeText(int oid, ByteBuf buf, int index, int length) {
        String text = buf.toString(index, length, StandardCharsets.UTF_8);
        try {
            return codec.decodeText(text);
        } catch (RuntimeException e) {
            throw failed("decode", e);
        }
    }

    @Override
    public boolean canEncode(int oid, Object value) {
        return binary != null && binary.javaType().isInstance(value);
    }

    @Override
    public void encodeBinary(int oid, Object value, ByteBuf out) {
        byte[] bytes;
        try {
            bytes = binary.encodeBinary(value);
        } catch (RuntimeException e) {
            throw failed("encode", e);
        }
        if (bytes == null) {
            throw new IllegalArgumentException("the codec of type " + typeName + " encoded " + value + " as null");
        }
        out.writeBytes(bytes);
    }

    @Override
    public String encodeText(int oid, Object value) {
        if (binary != null || !codec.javaType().isInstance(value)) {
            return null;
        }
        String text;
        try {
            text = codec.encodeText(value);
        } catch (RuntimeException e) {
            throw failed("encode", e);
        }
        if (text == null) {
            throw new IllegalArgumentException("the codec of type " + typeName + " encoded " + value + " as null");
        }
        return text;
    }

    @Override
    public boolean binaryResults(int oid) {
        return binary != null;
    }

    private IllegalArgumentException failed(String what, RuntimeException e) {
        return new IllegalArgumentException("the codec of type " + typeName + " failed to " + what + ": " + e, e);
    }

    @Override
    public String toString() {
        return "UserCodec[" + typeName + ": " + codec + "]";
    }
}
