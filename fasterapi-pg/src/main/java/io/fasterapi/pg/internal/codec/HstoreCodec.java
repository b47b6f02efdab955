package io.fasterapi.pg.internal.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hstore extension type as an unmodifiable {@code Map<String, String>} (null values allowed,
 * in the server's order). Its OID differs per database, so it is registered by the type name
 * {@code hstore} and bound when the connection looks the name up. Any Map is sent (keys and
 * values by {@code toString()}; keys must not be null). Binary layout (hstore_send in
 * contrib/hstore/hstore_io.c): int32 pair count, then per pair int32 key length and key, int32
 * value length (-1 for NULL) and value. The simple protocol's text form decodes to a String.
 */
final class HstoreCodec implements Codec, JavaTyped {
    static final HstoreCodec INSTANCE = new HstoreCodec();

    @Override
    public Object decodeBinary(int oid, ByteBuf buf, int index, int length) {
        int n = buf.getInt(index);
        Map<String, String> map = new LinkedHashMap<>(Math.max(16, n * 2));
        int pos = index + 4;
        for (int i = 0; i < n; i++) {
            int keyLength = buf.getInt(pos);
            String key = buf.toString(pos + 4, keyLength, StandardCharsets.UTF_8);
            pos += 4 + keyLength;
            int valueLength = buf.getInt(pos);
            pos += 4;
            String value = null;
            if (valueLength >= 0) {
                value = buf.toString(pos, valueLength, StandardCharsets.UTF_8);
                pos += valueLength;
            }
            map.put(key, value);
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public Object decodeText(int oid, ByteBuf buf, int index, int length) {
        return buf.toString(index, length, StandardCharsets.UTF_8);
    }

    @Override
    public boolean canEncode(int oid, Object value) {
        return value instanceof Map<?, ?>;
    }

    @Override
    public void encodeBinary(int oid, Object value, ByteBuf out) {
        Map<?, ?> map = (Map<?, ?>) value;
        out.writeInt(map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException("hstore keys cannot be null");
            }
            writeString(e.getKey().toString(), out);
            if (e.getValue() == null) {
                out.writeInt(-1);
            } else {
                writeString(e.getValue().toString(), out);
            }
        }
    }

    private static void writeString(String s, ByteBuf out) {
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        int n = Utf8Text.write(s, out);
        out.setInt(lengthIndex, n);
    }

    @Override
    public Class<?> javaType(int oid) {
        return Map.class;
    }
}
