package io.fasterapi.web.internal.convert;

import io.fasterapi.web.internal.errors.InvalidValue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * A Java integer type is pydantic's unbounded {@code int} with {@code ge}/{@code le} bounds: a
 * well-formed number beyond them is {@code less_than_equal} / {@code greater_than_equal} with the type's
 * bound, or with the declared constraint's ({@code @Max}, {@code @Negative}...) when that is tighter,
 * as pydantic answers {@code Annotated[int, Field(le=...)]}. Read only on the failing path. Any thread.
 */
public final class IntegralBounds {
    private IntegralBounds() {
    }

    /** The type's bound as an error of the type alone (the converters' answer; see {@link #tightened}). */
    static InvalidValue typeBound(long min, long max, boolean above) {
        return above ? bound("less_than_equal", "less than or equal to", "le", max)
                : bound("greater_than_equal", "greater than or equal to", "ge", min);
    }

    /**
     * The error for {@code value} read into integral {@code type}, or null when it fits; {@code where}
     * (a record component, parameter or field, or null) declares the constraints that may be tighter.
     */
    public static InvalidValue check(BigInteger value, Class<?> type, AnnotatedElement where) {
        long min = min(type);
        long max = max(type);
        if (value.compareTo(BigInteger.valueOf(max)) > 0) {
            return tightest(true, max, where);
        }
        if (value.compareTo(BigInteger.valueOf(min)) < 0) {
            return tightest(false, min, where);
        }
        return null;
    }

    /**
     * {@code converter} (for integral {@code type}) answering a value out of the type's range with the
     * tighter declared bound of {@code where}; other types' converters unchanged.
     */
    public static StringConverter tightened(StringConverter converter, Class<?> type, AnnotatedElement where) {
        if (converter == null || where == null || !isBounded(type)) {
            return converter;
        }
        return s -> {
            try {
                return converter.convert(s);
            } catch (InvalidValue e) {
                switch (e.type()) {
                    case "less_than_equal" -> throw tightest(true, max(type), where);
                    case "greater_than_equal" -> throw tightest(false, min(type), where);
                    default -> throw e;
                }
            }
        };
    }

    private static boolean isBounded(Class<?> c) {
        return c == int.class || c == Integer.class || c == long.class || c == Long.class || c == short.class
                || c == Short.class || c == byte.class || c == Byte.class;
    }

    private static long max(Class<?> c) {
        if (c == int.class || c == Integer.class) {
            return Integer.MAX_VALUE;
        }
        if (c == short.class || c == Short.class) {
            return Short.MAX_VALUE;
        }
        if (c == byte.class || c == Byte.class) {
            return Byte.MAX_VALUE;
        }
        return Long.MAX_VALUE;
    }

    private static long min(Class<?> c) {
        if (c == int.class || c == Integer.class) {
            return Integer.MIN_VALUE;
        }
        if (c == short.class || c == Short.class) {
            return Short.MIN_VALUE;
        }
        if (c == byte.class || c == Byte.class) {
            return Byte.MIN_VALUE;
        }
        return Long.MIN_VALUE;
    }

    // The smallest upper (largest lower) bound among the type's and the declared ones; a strict
    // bound wins a tie, being the tighter.
    private static InvalidValue tightest(boolean above, long typeLimit, AnnotatedElement where) {
        BigDecimal best = BigDecimal.valueOf(typeLimit);
        boolean strict = false;
        for (Annotation a : DeclaredConstraints.of(where)) {
            BigDecimal limit;
            boolean isStrict;
            switch (a) {
                case Max m when above -> { limit = BigDecimal.valueOf(m.value()); isStrict = false; }
                case DecimalMax m when above -> { limit = new BigDecimal(m.value()); isStrict = !m.inclusive(); }
                case Negative n when above -> { limit = BigDecimal.ZERO; isStrict = true; }
                case NegativeOrZero n when above -> { limit = BigDecimal.ZERO; isStrict = false; }
                case Min m when !above -> { limit = BigDecimal.valueOf(m.value()); isStrict = false; }
                case DecimalMin m when !above -> { limit = new BigDecimal(m.value()); isStrict = !m.inclusive(); }
                case Positive p when !above -> { limit = BigDecimal.ZERO; isStrict = true; }
                case PositiveOrZero p when !above -> { limit = BigDecimal.ZERO; isStrict = false; }
                default -> { continue; }
            }
            int c = limit.compareTo(best);
            if ((above ? c < 0 : c > 0) || (c == 0 && isStrict)) {
                best = limit;
                strict = isStrict;
            }
        }
        Object limit = number(best);
        if (above) {
            return strict ? bound("less_than", "less than", "lt", limit)
                    : bound("less_than_equal", "less than or equal to", "le", limit);
        }
        return strict ? bound("greater_than", "greater than", "gt", limit)
                : bound("greater_than_equal", "greater than or equal to", "ge", limit);
    }

    private static Object number(BigDecimal d) {
        try {
            return d.longValueExact();
        } catch (ArithmeticException notIntegral) {
            return d.doubleValue();
        }
    }

    private static InvalidValue bound(String type, String words, String key, Object limit) {
        return new InvalidValue(type, "Input should be " + words + " " + limit, Map.of(key, limit));
    }
}
