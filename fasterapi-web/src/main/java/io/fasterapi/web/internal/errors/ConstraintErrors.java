package io.fasterapi.web.internal.errors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates a Jakarta Validation violation into pydantic v2's error for the same constraint:
 * {@code @Min} is {@code greater_than_equal} with {@code ctx.ge}, {@code @Size} on a string is
 * {@code string_too_short}/{@code string_too_long}, {@code @Pattern} is
 * {@code string_pattern_mismatch}, and so on. Constraints pydantic lacks become {@code value_error}
 * with the validator's message.
 */
public final class ConstraintErrors {
    private ConstraintErrors() {
    }

    /** The pydantic-shaped error for {@code v} at {@code loc}, reporting {@code input} as the input. */
    public static ValidationError toError(ConstraintViolation<?> v, List<Object> loc, Object input) {
        Annotation a = v.getConstraintDescriptor().getAnnotation();
        Object value = v.getInvalidValue();
        return switch (a) {
            case Min m -> bound("greater_than_equal", "greater than or equal to", "ge", m.value(), loc, input);
            case Max m -> bound("less_than_equal", "less than or equal to", "le", m.value(), loc, input);
            case DecimalMin m -> m.inclusive()
                    ? bound("greater_than_equal", "greater than or equal to", "ge", number(m.value()), loc, input)
                    : bound("greater_than", "greater than", "gt", number(m.value()), loc, input);
            case DecimalMax m -> m.inclusive()
                    ? bound("less_than_equal", "less than or equal to", "le", number(m.value()), loc, input)
                    : bound("less_than", "less than", "lt", number(m.value()), loc, input);
            case Positive p -> bound("greater_than", "greater than", "gt", 0, loc, input);
            case PositiveOrZero p -> bound("greater_than_equal", "greater than or equal to", "ge", 0, loc, input);
            case Negative n -> bound("less_than", "less than", "lt", 0, loc, input);
            case NegativeOrZero n -> bound("less_than_equal", "less than or equal to", "le", 0, loc, input);
            case Size s -> size(value, s.min(), s.max(), loc, input);
            // blank text has length >= 1 but is too short once stripped, as pydantic's constr(strip_whitespace=True, min_length=1)
            case NotBlank n -> value == null ? ValidationError.missing(loc, null) : size("", 1, Integer.MAX_VALUE, loc, input);
            case NotEmpty n -> value == null ? ValidationError.missing(loc, null) : size(value, 1, Integer.MAX_VALUE, loc, input);
            case NotNull n -> ValidationError.missing(loc, input);
            case Pattern p -> new ValidationError("string_pattern_mismatch", loc,
                    "String should match pattern '" + p.regexp() + "'", input, Map.of("pattern", p.regexp()));
            default -> new ValidationError("value_error", loc, "Value error, " + v.getMessage(), input,
                    Map.of("error", v.getMessage()));
        };
    }

    private static Object number(String decimal) {
        BigDecimal d = new BigDecimal(decimal);
        try {
            return d.longValueExact();
        } catch (ArithmeticException notIntegral) {
            return d.doubleValue();
        }
    }

    private static ValidationError bound(String type, String words, String key, Object limit, List<Object> loc,
                                         Object input) {
        return new ValidationError(type, loc, "Input should be " + words + " " + limit, input, Map.of(key, limit));
    }

    private static ValidationError size(Object value, int min, int max, List<Object> loc, Object input) {
        int length = length(value);
        if (value instanceof CharSequence) {
            if (length < min) {
                return new ValidationError("string_too_short", loc,
                        "String should have at least " + min + " character" + plural(min), input,
                        Map.of("min_length", min));
            }
            return new ValidationError("string_too_long", loc,
                    "String should have at most " + max + " character" + plural(max), input,
                    Map.of("max_length", max));
        }
        String fieldType = value instanceof Map ? "Dictionary" : "List";
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("field_type", fieldType);
        if (length < min) {
            ctx.put("min_length", min);
            ctx.put("actual_length", length);
            return new ValidationError("too_short", loc, fieldType + " should have at least " + min + " item"
                    + plural(min) + " after validation, not " + length, input, ctx);
        }
        ctx.put("max_length", max);
        ctx.put("actual_length", length);
        return new ValidationError("too_long", loc, fieldType + " should have at most " + max + " item"
                + plural(max) + " after validation, not " + length, input, ctx);
    }

    private static String plural(int n) {
        return n == 1 ? "" : "s";
    }

    private static int length(Object value) {
        return switch (value) {
            case null -> 0;
            case CharSequence s -> s.length();
            case Collection<?> c -> c.size();
            case Map<?, ?> m -> m.size();
            default -> value.getClass().isArray() ? Array.getLength(value) : 0;
        };
    }
}
