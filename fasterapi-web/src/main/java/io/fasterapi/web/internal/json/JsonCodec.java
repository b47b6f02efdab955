package io.fasterapi.web.internal.json;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.module.blackbird.BlackbirdModule;

/**
 * How the framework configures Jackson 3, and its own mapper: Blackbird generates accessors (no
 * reflection per object), properties keep declaration order (as pydantic), unknown body fields are
 * ignored (as pydantic's default), dates are ISO strings, NaN and ±Infinity are written as null
 * (pydantic's default, {@link NonFiniteAsNullModule}) and read from text in pydantic's spellings
 * ({@link NonFiniteTextModule}); an event loop reuses its own Jackson buffers
 * ({@link LoopLocalRecyclerPool}). The mapper returned by {@link #mapper()} keeps Java's names as
 * declared: it serves what no app's naming policy renames (the OpenAPI document's own keys,
 * settings, the enum values); an app's bodies and responses go through its {@link JsonMapping}.
 * Thread-safe; shared.
 */
public final class JsonCodec {
    private static final JsonMapper MAPPER = configure(builder()).build();

    private JsonCodec() {
    }

    /**
     * A mapper configured as {@link #mapper()} whose parsers stop past {@code maxNestingDepth} levels
     * of arrays and objects (a {@link tools.jackson.core.exc.StreamConstraintsException}), reading NaN,
     * Infinity and -Infinity as numbers when {@code nonNumericNumbers} (and the spellings Jackson adds,
     * such as {@code -INF}: use it only on text Python's json module accepted). For request bodies'
     * trees, which no naming policy touches.
     */
    static JsonMapper bodyMapper(int maxNestingDepth, boolean nonNumericNumbers) {
        return configure(bodyBuilder(maxNestingDepth, nonNumericNumbers)).build();
    }

    static JsonMapper.Builder builder() {
        return JsonMapper.builder(JsonFactory.builder().recyclerPool(new LoopLocalRecyclerPool()).build());
    }

    private static JsonMapper.Builder bodyBuilder(int maxNestingDepth, boolean nonNumericNumbers) {
        return JsonMapper.builder(JsonFactory.builder()
                .configure(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS, nonNumericNumbers)
                .recyclerPool(new LoopLocalRecyclerPool())
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxNestingDepth).build())
                .build());
    }

    static JsonMapper.Builder configure(JsonMapper.Builder b) {
        return b.addModule(new BlackbirdModule())
                .addModule(new NonFiniteAsNullModule())
                .addModule(new NonFiniteTextModule())
                .addModule(new OmittableModule())
                .addModule(PydanticTimeModule.create())
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The framework's mapper, with Java's names as declared. */
    public static JsonMapper mapper() {
        return MAPPER;
    }
}
