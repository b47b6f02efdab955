package io.fasterapi.web.internal.convert;

import io.fasterapi.web.internal.errors.InvalidValue;
import jakarta.validation.constraints.Digits;
import java.lang.reflect.AnnotatedElement;

/**
 * A {@code double} or {@code float} with {@code @Digits} refuses NaN and ±infinity as pydantic refuses a number
 * that must be finite ({@code finite_number}): they have no digits to count, and Hibernate Validator's
 * {@code @Digits} check fails on their text (an exception, not a violation: a 500 without this).
 */
public final class FiniteDigits {
    private FiniteDigits() {
    }

    /** Whether values of {@code type} declared at {@code where} must be finite (reads annotations). */
    public static boolean applies(Class<?> type, AnnotatedElement where) {
        return where != null
                && (type == double.class || type == Double.class || type == float.class || type == Float.class)
                && DeclaredConstraints.of(where).stream().anyMatch(a -> a instanceof Digits);
    }

    /** Whether {@code value} is refused: not finite, where it {@link #applies} (asked only then). */
    public static boolean refuses(double value, Class<?> type, AnnotatedElement where) {
        return !Double.isFinite(value) && applies(type, where);
    }

    /** The error for a non-finite value. */
    public static InvalidValue notFinite() {
        return new InvalidValue("finite_number", "Input should be a finite number");
    }

    /**
     * {@code converter}, refusing a non-finite result when {@link #applies}; else {@code converter} itself. For
     * a converter made once (a parameter's), not per value: it reads the annotations now.
     */
    public static StringConverter refusingNonFinite(StringConverter converter, Class<?> type, AnnotatedElement where) {
        if (converter == null || !applies(type, where)) {
            return converter;
        }
        return s -> {
            Object value = converter.convert(s);
            if (value instanceof Number n && !Double.isFinite(n.doubleValue())) {
                throw notFinite();
            }
            return value;
        };
    }
}
