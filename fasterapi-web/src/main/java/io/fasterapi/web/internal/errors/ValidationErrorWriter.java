package io.fasterapi.web.internal.errors;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a {@link ValidationError} field by field, in pydantic's order, {@code ctx} only when present.
 * Written by hand rather than introspected: every app writes 422 bodies, and building Jackson's bean
 * serializer (with the accessor code Blackbird generates) took tens of milliseconds of each start.
 */
public final class ValidationErrorWriter extends StdSerializer<ValidationError> {
    public ValidationErrorWriter() {
        super(ValidationError.class);
    }

    @Override
    public void serialize(ValidationError error, JsonGenerator gen, SerializationContext ctxt) {
        gen.writeStartObject(error);
        gen.writeStringProperty("type", error.type());
        ctxt.defaultSerializeProperty("loc", error.loc(), gen);
        gen.writeStringProperty("msg", error.msg());
        ctxt.defaultSerializeProperty("input", error.input(), gen);
        if (error.ctx() != null) {
            ctxt.defaultSerializeProperty("ctx", error.ctx(), gen);
        }
        gen.writeEndObject();
    }
}
