package io.fasterapi.web.internal.errors;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * One entry of a 422 body's {@code detail}, shaped and worded as pydantic v2 (as FastAPI sends it):
 * {@code {"type":"int_parsing","loc":["path","item_id"],"msg":"...","input":"foo"}}, plus
 * {@code "ctx"} for constraint errors. {@code input} is always written, {@code null} included.
 * {@link ValidationErrorWriter} writes it with these names in this order, whatever the app's
 * {@link io.fasterapi.web.JsonNaming}: FastAPI's error shape.
 */
@JsonSerialize(using = ValidationErrorWriter.class)
public record ValidationError(String type, List<Object> loc, String msg, Object input, Map<String, Object> ctx) {

    /** {@code input} NaN or ±Infinity (alone or inside) is written {@code null}: JSON has no such numbers. */
    public ValidationError {
        input = NonFiniteInputs.asNull(input);
    }

    /** FastAPI's error for a value that is absent: {@code missing}, {@code "Field required"}. */
    public static ValidationError missing(List<Object> loc, Object input) {
        return new ValidationError("missing", loc, "Field required", input, null);
    }
}
