package io.fasterapi.pg.internal.codec;

import io.fasterapi.pg.Interval;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Period;

/**
 * interval as {@link Interval}. Binary layout (interval_send in utils/adt/timestamp.c): int64
 * microseconds, int32 days, int32 months. {@link Duration} and {@link Period} parameters are sent
 * too (see {@link Interval#of(Duration)}). The simple protocol's text form decodes to a String.
 */
final class IntervalCodec implements Codec, JavaTyped {
    static final IntervalCodec INSTANCE = new IntervalCodec();

    @Override
    public Object decodeBinary(int oid, ByteBuf buf, int index, int length) {
        long micros = buf.getLong(index);
        int days = buf.getInt(index + 8);
        int months = buf.getInt(index + 12);
        return new Interval(months, days, micros);
    }

    @Override
    public Object decodeText(int oid, ByteBuf buf, int index, int length) {
        return buf.toString(index, length, StandardCharsets.UTF_8);
    }

    @Override
    public boolean canEncode(int oid, Object value) {
        return value instanceof Interval || value instanceof Duration || value instanceof Period;
    }

    @Override
    public void encodeBinary(int oid, Object value, ByteBuf out) {
        Interval i = switch (value) {
            case Duration d -> Interval.of(d);
            case Period p -> Interval.of(p);
            default -> (Interval) value;
        };
        out.writeLong(i.microseconds()).writeInt(i.days()).writeInt(i.months());
    }

    @Override
    public Class<?> javaType(int oid) {
        return Interval.class;
    }
}
