package io.fasterapi.pg.internal.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;

/**
 * timetz as {@link OffsetTime}. Binary layout (timetz_send in utils/adt/date.c): int64
 * microseconds of the day, then int32 zone in seconds <em>west</em> of UTC (so +05:30 is -19800).
 * {@code 24:00:00} is {@link LocalTime#MAX} at its offset, and back, as for time ({@link DateTimeCodec});
 * sub-microsecond nanos are truncated on encode, as for time. The simple protocol's text form decodes
 * to a String.
 */
final class TimeTzCodec implements Codec, JavaTyped {
    static final TimeTzCodec INSTANCE = new TimeTzCodec();

    @Override
    public Object decodeBinary(int oid, ByteBuf buf, int index, int length) {
        long micros = buf.getLong(index);
        int zoneWest = buf.getInt(index + 8);
        return OffsetTime.of(DateTimeCodec.time(micros), ZoneOffset.ofTotalSeconds(-zoneWest));
    }

    @Override
    public Object decodeText(int oid, ByteBuf buf, int index, int length) {
        return buf.toString(index, length, StandardCharsets.UTF_8);
    }

    @Override
    public boolean canEncode(int oid, Object value) {
        return value instanceof OffsetTime;
    }

    @Override
    public void encodeBinary(int oid, Object value, ByteBuf out) {
        OffsetTime t = (OffsetTime) value;
        out.writeLong(DateTimeCodec.timeOfDay(t.toLocalTime())).writeInt(-t.getOffset().getTotalSeconds());
    }

    @Override
    public Class<?> javaType(int oid) {
        return OffsetTime.class;
    }
}
