package io.fasterapi.web.internal.json;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.module.blackbird.BlackbirdModule;

/**
 * The one Jackson 3 mapper of the framework: Blackbird generates accessors (no reflection per
 * object), properties keep declaration order (as pydantic), unknown body fields are ignored (as
 * pydantic's default), dates are ISO strings, and NaN and ±Infinity are written as null (pydantic's
 * default, {@link NonFiniteAsNullModule}); an event loop reuses its own Jackson buffers
 * ({@link LoopLocalRecyclerPool}). Thread-safe; shared.
 */
public final class JsonCodec {
    private static final JsonMapper MAPPER = configure(JsonMapper.builder(
            JsonFactory.builder().recyclerPool(new LoopLocalRecyclerPool()).build())).build();

    // A writer per response class resolves the root serializer once, not per response.
    private static final ClassValue<ObjectWriter> WRITERS = new ClassValue<>() {
        @Override
        protected ObjectWriter computeValue(Class<?> type) {
            return MAPPER.writerFor(type);
        }
    };

    private JsonCodec() {
    }

    /** The writer for values of exactly {@code type} (a response value's runtime class). Any thread. */
    public static ObjectWriter writerFor(Class<?> type) {
        return WRITERS.get(type);
    }

    /**
     * A mapper configured as {@link #mapper()} whose parsers stop past {@code maxNestingDepth} levels
     * of arrays and objects (a {@link tools.jackson.core.exc.StreamConstraintsException}). Built once
     * per server, for request bodies.
     */
    public static JsonMapper mapperWithMaxDepth(int maxNestingDepth) {
        return mapperWithMaxDepth(maxNestingDepth, false);
    }

    /**
     * As {@link #mapperWithMaxDepth(int)}, reading NaN, Infinity and -Infinity as numbers when
     * {@code nonNumericNumbers} (and the spellings Jackson adds, such as {@code -INF}: use it only on
     * text Python's json module accepted).
     */
    public static JsonMapper mapperWithMaxDepth(int maxNestingDepth, boolean nonNumericNumbers) {
        JsonFactory factory = JsonFactory.builder()
                .configure(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS, nonNumericNumbers)
                .recyclerPool(new LoopLocalRecyclerPool())
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxNestingDepth).build())
                .build();
        return configure(JsonMapper.builder(factory)).build();
    }

    private static JsonMapper.Builder configure(JsonMapper.Builder b) {
        return b.addModule(new BlackbirdModule())
                .addModule(new NonFiniteAsNullModule())
                .addModule(new OmittableModule())
                .addModule(PydanticTimeModule.create())
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The shared mapper. */
    public static JsonMapper mapper() {
        return MAPPER;
    }
}
