package io.fasterapi.web.internal.openapi;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes Jakarta Validation constraints as the JSON Schema keywords that say the same thing, the way
 * pydantic's {@code Field(min_length=..., gt=...)} shows up in FastAPI's schemas: {@code @Size} →
 * {@code minLength/maxLength} (or {@code minItems/maxItems}, {@code minProperties/maxProperties}),
 * {@code @Min} → {@code minimum}, {@code @Positive} → {@code exclusiveMinimum: 0}, {@code @Pattern} →
 * {@code pattern}... Constraints JSON Schema cannot express ({@code @Past}, {@code @Digits}) are left
 * out: the 422 still enforces them. Stateless.
 */
final class ConstraintKeywords {
    /** Which family of keywords a length constraint maps to. */
    enum Shape { STRING, ARRAY, OBJECT, OTHER }

    private ConstraintKeywords() {
    }

    /** Adds the keywords of {@code constraints} to {@code schema}, which describes a value of {@code shape}. */
    static void apply(List<Annotation> constraints, Shape shape, ObjectNode schema) {
        for (Annotation a : constraints) {
            apply(a, shape, schema);
        }
    }

    private static void apply(Annotation a, Shape shape, ObjectNode schema) {
        switch (a) {
            case NotBlank ignored -> {
                schema.put("minLength", 1);
                schema.put("pattern", "\\S"); // JSON Schema patterns are unanchored: "contains a non-space"
            }
            case NotEmpty ignored -> length(shape, schema, 1, Integer.MAX_VALUE);
            case Size s -> length(shape, schema, s.min(), s.max());
            case Min m -> schema.put("minimum", m.value());
            case Max m -> schema.put("maximum", m.value());
            case DecimalMin d -> putNumber(schema, d.inclusive() ? "minimum" : "exclusiveMinimum", d.value());
            case DecimalMax d -> putNumber(schema, d.inclusive() ? "maximum" : "exclusiveMaximum", d.value());
            case Positive ignored -> schema.put("exclusiveMinimum", 0);
            case PositiveOrZero ignored -> schema.put("minimum", 0);
            case Negative ignored -> schema.put("exclusiveMaximum", 0);
            case NegativeOrZero ignored -> schema.put("maximum", 0);
            case Pattern p -> schema.put("pattern", p.regexp());
            case Email ignored -> schema.put("format", "email");
            default -> {
            }
        }
    }

    private static void length(Shape shape, ObjectNode schema, int min, int max) {
        String[] keys = switch (shape) {
            case STRING -> new String[] {"minLength", "maxLength"};
            case ARRAY -> new String[] {"minItems", "maxItems"};
            case OBJECT -> new String[] {"minProperties", "maxProperties"};
            case OTHER -> null;
        };
        if (keys == null) {
            return;
        }
        if (min > 0) {
            schema.put(keys[0], min);
        }
        if (max < Integer.MAX_VALUE) {
            schema.put(keys[1], max);
        }
    }

    /** {@code "10.0"} as the integer 10 and {@code "0.5"} as the number 0.5, never in E notation. */
    private static void putNumber(ObjectNode schema, String key, String text) {
        BigDecimal d = new BigDecimal(text.trim()).stripTrailingZeros();
        if (d.scale() <= 0) {
            schema.put(key, d.toBigIntegerExact());
        } else {
            schema.put(key, new BigDecimal(d.toPlainString()));
        }
    }
}
