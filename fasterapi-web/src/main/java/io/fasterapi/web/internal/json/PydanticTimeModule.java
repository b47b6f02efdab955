package io.fasterapi.web.internal.json;

import io.fasterapi.web.internal.convert.ScalarConverters;
import io.fasterapi.web.internal.convert.StringConverter;
import io.fasterapi.web.internal.errors.InvalidValue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.UUID;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Reads dates, times and UUIDs in request bodies with the same rules as path and query values
 * ({@link ScalarConverters}: pydantic's formats), and a JSON number for a date or time as pydantic
 * does (a Unix timestamp; seconds since midnight for a time), so a body accepts exactly what the body
 * check accepted. Writing is Jackson's (ISO-8601). Immutable.
 */
final class PydanticTimeModule {
    private PydanticTimeModule() {
    }

    static SimpleModule create() {
        SimpleModule m = new SimpleModule("fasterapi-pydantic-time");
        add(m, LocalDate.class);
        add(m, LocalDateTime.class);
        add(m, OffsetDateTime.class);
        add(m, ZonedDateTime.class);
        add(m, Instant.class);
        add(m, LocalTime.class);
        add(m, UUID.class);
        return m;
    }

    private static <T> void add(SimpleModule m, Class<T> type) {
        m.addDeserializer(type, new StdScalarDeserializer<T>(type) {
            // Resolved at first use, not while the shared mapper is built: the converters' class
            // initialisation would lengthen the mapper's, which racing first requests wait on.
            private StringConverter converter;

            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) {
                if (!p.hasToken(JsonToken.VALUE_STRING)) {
                    return type.cast(fromNonText(p, ctxt));
                }
                String text = p.getString();
                StringConverter converter = this.converter;
                if (converter == null) {
                    converter = ScalarConverters.forType(type); // a benign race: every thread gets an equal one
                    this.converter = converter;
                }
                try {
                    return type.cast(converter.convert(text));
                } catch (InvalidValue e) {
                    return type.cast(ctxt.handleWeirdStringValue(type, text, e.getMessage()));
                }
            }

            // A JSON number for a date or time type is what pydantic reads from a Python int or float.
            private Object fromNonText(JsonParser p, DeserializationContext ctxt) {
                boolean integer = p.hasToken(JsonToken.VALUE_NUMBER_INT);
                if (!(integer || p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) || !ScalarConverters.readsNumbers(type)) {
                    return ctxt.handleUnexpectedToken(type, p);
                }
                Number n = integer ? p.getNumberValue() : p.getDoubleValue();
                try {
                    return ScalarConverters.fromNumber(type, n);
                } catch (InvalidValue e) {
                    return ctxt.handleWeirdNumberValue(type, n, e.getMessage());
                }
            }
        });
    }
}
