package io.fasterapi.pg.internal.result;

import io.fasterapi.pg.PgException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

/** Converts a decoded value to the Java type a caller asked for, exactly or not at all. */
public final class Conversions {
    private static final Map<Class<?>, Class<?>> BOXES = Map.of(int.class, Integer.class, long.class, Long.class,
            short.class, Short.class, byte.class, Byte.class, double.class, Double.class, float.class, Float.class,
            boolean.class, Boolean.class, char.class, Character.class);

    private Conversions() {
    }

    /** The boxed type of a primitive, else the type itself. */
    public static Class<?> boxed(Class<?> type) {
        return type.isPrimitive() ? BOXES.get(type) : type;
    }

    /** True for the types a single column maps to (as opposed to records and POJOs). */
    public static boolean isSimple(Class<?> type) {
        return type.isPrimitive() || BOXES.containsValue(type) || Number.class.isAssignableFrom(type)
                || CharSequence.class.isAssignableFrom(type) || type == byte[].class || type.isEnum()
                || type.getName().startsWith("java.time.") || type == java.util.UUID.class || type == Object.class
                || StructuredConversions.isValueType(type);
    }

    /**
     * {@code value} of column {@code column} as {@code type}. The column's description is built only
     * when a conversion fails or needs the general path: building it on every read was 22-26% of
     * the row-reading CPU in the wide-fetch profile.
     */
    @SuppressWarnings("unchecked")
    static <T> T convert(Object value, Class<T> type, ColumnLayout layout, int column) {
        if (value != null) {
            Class<?> target = boxed(type);
            if (target.isInstance(value)) {
                return (T) value;
            }
            if (value instanceof Number n) {
                try {
                    Object r = number(n, target);
                    if (r != null) {
                        return (T) r;
                    }
                } catch (ArithmeticException e) {
                    // the general path below reports it, naming the column
                }
            }
        }
        return convert(value, type, layout.describe(column));
    }

    /** {@code value} as {@code type}; {@code what} names the column for the error message. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T> T convert(Object value, Class<T> type, String what) {
        if (value == null) {
            if (type.isPrimitive()) {
                throw new PgException(what + " is NULL and cannot be read as " + type.getName());
            }
            return null;
        }
        Class<?> target = boxed(type);
        if (target.isInstance(value)) {
            return (T) value;
        }
        if (isNonFinite(value) && target != Float.class) {
            throw nonFinite(value, type, what);
        }
        try {
            Object structured = StructuredConversions.convert(value, target, what);
            if (structured != null) {
                return (T) structured;
            }
            if (value instanceof Number n) {
                Object r = number(n, target);
                if (r != null) {
                    return (T) r;
                }
            }
            if (target == String.class) {
                return (T) (value instanceof byte[] ? new String((byte[]) value, java.nio.charset.StandardCharsets.UTF_8)
                        : value.toString());
            }
            if (target == Instant.class && value instanceof OffsetDateTime o) {
                return (T) o.toInstant();
            }
            if (target.isEnum() && value instanceof String s) {
                return (T) Enum.valueOf((Class) target, s);
            }
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new PgException(what + " value " + value + " cannot be read as " + type.getName() + ": " + e.getMessage());
        }
        throw new PgException(what + " holds " + value.getClass().getName() + " and cannot be read as " + type.getName());
    }

    private static boolean isNonFinite(Object value) {
        return (value instanceof Double d && !Double.isFinite(d)) || (value instanceof Float f && !Float.isFinite(f));
    }

    /**
     * numeric's NaN and ±Infinity (PostgreSQL 14+) arrive as a Double, which only double, float,
     * Number and Object hold: the message names the column, the value and both ways out.
     */
    private static PgException nonFinite(Object value, Class<?> type, String what) {
        return new PgException(what + " holds " + value + ", which " + type.getName() + " cannot hold: read it as"
                + " double (or Number: a BigDecimal for every finite value, a Double for NaN and ±Infinity), or keep"
                + " such values out of the column with CHECK (col NOT IN ('NaN', 'Infinity', '-Infinity'))");
    }

    private static Object number(Number n, Class<?> target) {
        boolean integral = n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
        if (target == Long.class && integral) {
            return n.longValue();
        }
        if (target == Integer.class && integral) {
            return Math.toIntExact(n.longValue());
        }
        if (target == Short.class && integral) {
            long v = n.longValue();
            if (v != (short) v) {
                throw new ArithmeticException("out of range");
            }
            return (short) v;
        }
        if (target == Double.class && (integral || n instanceof Float || n instanceof BigDecimal)) {
            return n.doubleValue();
        }
        if (target == Float.class && n instanceof Double d) {
            return d.floatValue();
        }
        if (target == BigDecimal.class) {
            if (integral) {
                return BigDecimal.valueOf(n.longValue());
            }
            if (n instanceof Double || n instanceof Float) {
                double d = n.doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new ArithmeticException(d + " has no BigDecimal");
                }
                return new BigDecimal(n.toString());
            }
        }
        if (target == BigInteger.class && integral) {
            return BigInteger.valueOf(n.longValue());
        }
        if (n instanceof BigDecimal bd) {
            if (target == Long.class) {
                return bd.longValueExact();
            }
            if (target == Integer.class) {
                return bd.intValueExact();
            }
            if (target == BigInteger.class) {
                return bd.toBigIntegerExact();
            }
        }
        return null;
    }
}
