package io.fasterapi.web.internal.json;

import io.fasterapi.web.internal.convert.ScalarConverters;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.module.SimpleModule;

/**
 * Reads NaN and the infinities written as a JSON string into a {@code double} or {@code float} in every
 * spelling pydantic 2 accepts ({@code allow_inf_nan} is true by default; pydantic-core parses text as Rust's
 * {@code f64} does: {@code nan}, {@code inf}, {@code infinity}, in any case, with a sign), where Jackson reads
 * only {@code "NaN"}, {@code "INF"}, {@code "Infinity"} and their negatives. The body checker has accepted the
 * same texts ({@code ScalarConverters}); any other string is Jackson's to read, as before.
 */
final class NonFiniteTextModule extends SimpleModule {
    NonFiniteTextModule() {
        super("fasterapi-non-finite-text");
        addDeserializer(Double.class, new DoubleText(Double.class, null));
        addDeserializer(Double.TYPE, new DoubleText(Double.TYPE, 0.0));
        addDeserializer(Float.class, new FloatText(Float.class, null));
        addDeserializer(Float.TYPE, new FloatText(Float.TYPE, 0.0f));
    }

    private static final class DoubleText extends NumberDeserializers.DoubleDeserializer {
        DoubleText(Class<Double> type, Double nullValue) {
            super(type, nullValue);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            Double special = nonFiniteText(p);
            return special != null ? special : super.deserialize(p, ctxt);
        }
    }

    private static final class FloatText extends NumberDeserializers.FloatDeserializer {
        FloatText(Class<Float> type, Float nullValue) {
            super(type, nullValue);
        }

        @Override
        public Float deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            Double special = nonFiniteText(p);
            return special != null ? Float.valueOf(special.floatValue()) : super.deserialize(p, ctxt);
        }
    }

    /** The NaN or infinity that the parser's current string spells, else null (any other token or text). */
    private static Double nonFiniteText(JsonParser p) {
        return p.hasToken(JsonToken.VALUE_STRING) ? ScalarConverters.nonFinite(p.getString()) : null;
    }
}
