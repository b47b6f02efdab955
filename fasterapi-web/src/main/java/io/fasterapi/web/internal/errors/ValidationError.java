package io.fasterapi.web.internal.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import tools.jackson.databind.annotation.JsonSerialize;
import java.util.Map;

/**
 * One entry of a 422 body's {@code detail}, shaped and worded as pydantic v2 (as FastAPI sends it):
 * {@code {"type":"int_parsing","loc":["path","item_id"],"msg":"...","input":"foo"}}, plus
 * {@code "ctx"} for constraint errors. {@code input} is always written, {@code null} included. Its
 * names are named explicitly: FastAPI's error shape, whatever the app's
 * {@link io.fasterapi.web.JsonNaming} (an explicit name wins over the policy). Written by
 * {@link ValidationErrorWriter}; the annotations keep the shape readable and reading it back possible.
 */
@JsonPropertyOrder({"type", "loc", "msg", "input", "ctx"})
@JsonSerialize(using = ValidationErrorWriter.class)
public record ValidationError(@JsonProperty("type") String type, @JsonProperty("loc") List<Object> loc,
                              @JsonProperty("msg") String msg, @JsonProperty("input") Object input,
                              @JsonProperty("ctx") @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> ctx) {

    /** {@code input} NaN or ±Infinity (alone or inside) is written {@code null}: JSON has no such numbers. */
    public ValidationError {
        input = NonFiniteInputs.asNull(input);
    }

    /** FastAPI's error for a value that is absent: {@code missing}, {@code "Field required"}. */
    public static ValidationError missing(List<Object> loc, Object input) {
        return new ValidationError("missing", loc, "Field required", input, null);
    }
}
