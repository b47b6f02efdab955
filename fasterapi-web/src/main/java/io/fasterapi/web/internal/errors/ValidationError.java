package io.fasterapi.web.internal.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * One entry of a 422 body's {@code detail}, shaped and worded as pydantic v2 (as FastAPI sends it):
 * {@code {"type":"int_parsing","loc":["path","item_id"],"msg":"...","input":"foo"}}, plus
 * {@code "ctx"} for constraint errors. {@code input} is always written, {@code null} included.
 */
@JsonPropertyOrder({"type", "loc", "msg", "input", "ctx"})
public record ValidationError(String type, List<Object> loc, String msg, Object input,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> ctx) {

    /** {@code input} NaN or ±Infinity (alone or inside) is written {@code null}: JSON has no such numbers. */
    public ValidationError {
        input = NonFiniteInputs.asNull(input);
    }

    /** FastAPI's error for a value that is absent: {@code missing}, {@code "Field required"}. */
    public static ValidationError missing(List<Object> loc, Object input) {
        return new ValidationError("missing", loc, "Field required", input, null);
    }
}
