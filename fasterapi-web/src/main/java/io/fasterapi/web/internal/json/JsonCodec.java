package io.fasterapi.web.internal.json;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.module.blackbird.BlackbirdModule;

/**
 * The one Jackson 3 mapper of the framework: Blackbird generates accessors (no reflection per
 * object), properties keep declaration order (as pydantic), unknown body fields are ignored (as
 * pydantic's default), and dates are ISO strings. Thread-safe; shared.
 */
public final class JsonCodec {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(new BlackbirdModule())
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private JsonCodec() {
    }

    /** The shared mapper. */
    public static JsonMapper mapper() {
        return MAPPER;
    }
}
