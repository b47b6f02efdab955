package io.fasterapi.pg.internal.connection;

import io.fasterapi.pg.PgException;
import io.fasterapi.pg.internal.codec.Codec;
import io.fasterapi.pg.internal.codec.TypeRegistry;
import io.fasterapi.pg.internal.codec.Utf8Text;
import io.fasterapi.pg.internal.protocol.FrontendMessages;
import io.netty.buffer.ByteBuf;
import java.util.Map;

/**
 * Writes a Bind message (55.7) with each parameter encoded from its Java type into the type the
 * server chose for it (from ParameterDescription): binary when a codec accepts the value, text for
 * strings and enums sent to types without one and for a user's text codec. A value that fits neither fails with a
 * {@link PgException} naming the parameter, and nothing of the message stays in the buffer.
 */
final class BindMessage {
    /** The protocol's limit: the parameter count is an int16 (55.7, Bind). */
    static final int MAX_PARAMETERS = 65_535;

    private BindMessage() {
    }

    static void write(ByteBuf out, String statement, int[] paramOids, Object[] args, TypeRegistry types,
            short[] resultFormats) {
        int start = out.writerIndex();
        try {
            int lengthIndex = FrontendMessages.begin(out, 'B');
            out.writeByte(0); // unnamed portal
            FrontendMessages.cstring(out, statement);
            int n = args.length;
            // Format codes: one per parameter (binary unless the value goes as text); rewritten below.
            out.writeShort(n);
            int formatsIndex = out.writerIndex();
            out.writeZero(2 * n);
            out.writeShort(n);
            for (int i = 0; i < n; i++) {
                Object v = args[i];
                if (v == null) {
                    out.writeInt(-1);
                    continue;
                }
                int oid = paramOids[i];
                Codec codec = types.codec(oid);
                CharSequence text;
                int valueLengthIndex = out.writerIndex();
                out.writeInt(0);
                if (codec != null && codec.canEncode(oid, v)) {
                    try {
                        codec.encodeBinary(oid, v, out);
                    } catch (IllegalArgumentException | ClassCastException e) {
                        throw parameterError(i, e);
                    }
                    out.setShort(formatsIndex + 2 * i, 1);
                } else if ((text = text(i, v, codec, oid)) != null) {
                    // Text format: the server parses it with the type's input function (enums, extension types...).
                    try {
                        Utf8Text.write(text, out);
                    } catch (IllegalArgumentException e) {
                        throw parameterError(i, e);
                    }
                } else {
                    throw new PgException("parameter $" + (i + 1) + ": cannot send " + v.getClass().getName() + " as "
                            + types.typeName(oid));
                }
                out.setInt(valueLengthIndex, out.writerIndex() - valueLengthIndex - 4);
            }
            out.writeShort(resultFormats.length);
            for (short f : resultFormats) {
                out.writeShort(f);
            }
            FrontendMessages.end(out, lengthIndex);
        } catch (RuntimeException e) {
            out.writerIndex(start);
            throw e;
        }
    }

    /**
     * A parameter the driver cannot encode: client-side (no SQLSTATE), except a string with a lone
     * surrogate, which gets the server's own code for text invalid in the encoding (22021).
     */
    private static PgException parameterError(int i, RuntimeException e) {
        String message = "parameter $" + (i + 1) + ": " + e.getMessage();
        return Utf8Text.isLoneSurrogate(e) ? new PgException(message, null, Map.of('C', Utf8Text.SQLSTATE))
                : new PgException(message, e);
    }

    /**
     * What to send for {@code v} in text format, or null when it cannot go as text: a user's text
     * codec's form of it, else a string or an enum's name for any type, or a number, boolean or
     * UUID for a type without a codec.
     */
    private static CharSequence text(int i, Object v, Codec codec, int oid) {
        if (codec != null) {
            try {
                String byCodec = codec.encodeText(oid, v);
                if (byCodec != null) {
                    return byCodec;
                }
            } catch (IllegalArgumentException e) {
                throw parameterError(i, e);
            }
        }
        if (v instanceof CharSequence cs) {
            return cs;
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        return codec == null && isTextual(v) ? v.toString() : null;
    }

    private static boolean isTextual(Object v) {
        return v instanceof Number || v instanceof Boolean || v instanceof java.util.UUID;
    }
}
