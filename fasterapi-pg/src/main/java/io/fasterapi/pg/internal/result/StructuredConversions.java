package io.fasterapi.pg.internal.result;

import io.fasterapi.pg.BitString;
import io.fasterapi.pg.Inet;
import io.fasterapi.pg.Interval;
import io.fasterapi.pg.Json;
import io.fasterapi.pg.MacAddress;
import io.fasterapi.pg.PgArray;
import io.fasterapi.pg.PgException;
import io.fasterapi.pg.PgRecord;
import io.fasterapi.pg.Range;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The conversions {@link Conversions} makes for containers and the driver's value types: arrays to
 * other array types ({@code Integer[]} to {@code int[]}, {@code String[]} to {@code MyEnum[]}) and to
 * Lists, composite values ({@link PgRecord}) to Java records by field order, text to {@link Json},
 * {@link Interval} to Duration or Period, {@link Inet} to InetAddress. Any thread.
 */
final class StructuredConversions {
    private static final ClassValue<MethodHandle> CONSTRUCTORS = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new);
            try {
                Constructor<?> c = type.getDeclaredConstructor(types);
                c.setAccessible(true);
                return MethodHandles.lookup().unreflectConstructor(c);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new PgException("cannot construct record " + type.getName() + ": " + e, e);
            }
        }
    };

    private StructuredConversions() {
    }

    /** True for the driver's value types and containers, which a single column maps to. */
    static boolean isValueType(Class<?> type) {
        return type.isArray() || Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)
                || type == Interval.class || type == Json.class || type == Inet.class || type == InetAddress.class
                || type == MacAddress.class || type == BitString.class || type == Range.class
                || type == PgRecord.class || type == PgArray.class || type.getPackageName().equals("io.fasterapi.pg.geo");
    }

    /** {@code value} converted to {@code target}, or null when this class has no conversion for the pair. */
    static Object convert(Object value, Class<?> target, String what) {
        if (target.isArray() && value instanceof PgArray a) {
            return toArray(nested(a), target, what);
        }
        if (target.isArray() && (value instanceof Object[] || value instanceof List<?>)) {
            return toArray(value, target, what);
        }
        if ((target == List.class || target == Collection.class || target == Iterable.class)
                && (value instanceof Object[] || value instanceof PgArray)) {
            return toList(value instanceof PgArray a ? nested(a) : value);
        }
        if (target.isRecord() && value instanceof PgRecord r) {
            return toRecord(r, target, what);
        }
        if (target == Json.class && value instanceof String s) {
            return Json.of(s);
        }
        if (target == Duration.class && value instanceof Interval i) {
            return i.toDuration();
        }
        if (target == Period.class && value instanceof Interval i) {
            return i.toPeriod();
        }
        if (target == InetAddress.class && value instanceof Inet i) {
            return i.address();
        }
        return null;
    }

    private static Object toArray(Object value, Class<?> target, String what) {
        List<?> source = value instanceof List<?> l ? l : Arrays.asList((Object[]) value);
        Class<?> component = target.getComponentType();
        Object out = Array.newInstance(component, source.size());
        for (int i = 0; i < source.size(); i++) {
            Array.set(out, i, Conversions.convert(source.get(i), component, what + "[" + i + "]"));
        }
        return out;
    }

    private static List<Object> toList(Object value) {
        Object[] array = (Object[]) value;
        List<Object> out = new ArrayList<>(array.length);
        for (Object v : array) {
            out.add(v instanceof Object[] ? toList(v) : v);
        }
        return Collections.unmodifiableList(out);
    }

    /** A PgArray's elements nested by its dimensions (its lower bounds dropped). */
    private static Object[] nested(PgArray a) {
        int[] dims = a.dimensions();
        List<Object> elements = a.elements();
        if (dims.length == 0) {
            return new Object[0];
        }
        return nest(elements, dims, 0, new int[1]);
    }

    private static Object[] nest(List<Object> elements, int[] dims, int depth, int[] cursor) {
        Object[] out = new Object[dims[depth]];
        for (int i = 0; i < out.length; i++) {
            out[i] = depth == dims.length - 1 ? elements.get(cursor[0]++) : nest(elements, dims, depth + 1, cursor);
        }
        return out;
    }

    private static Object toRecord(PgRecord r, Class<?> target, String what) {
        RecordComponent[] components = target.getRecordComponents();
        if (components.length != r.size()) {
            throw new PgException(what + " has " + r.size() + " fields " + r.fieldNames() + " but record "
                    + target.getName() + " has " + components.length + " components");
        }
        Object[] args = new Object[components.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = Conversions.convert(r.get(i), components[i].getType(),
                    what + " field '" + r.fieldNames().get(i) + "'");
        }
        try {
            return CONSTRUCTORS.get(target).invokeWithArguments(args);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new PgException("constructing " + target.getName() + " from " + what + " failed: " + t, t);
        }
    }
}
