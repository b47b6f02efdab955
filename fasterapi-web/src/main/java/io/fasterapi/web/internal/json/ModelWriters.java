package io.fasterapi.web.internal.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fasterapi.web.Omittable;
import java.lang.reflect.Type;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writers that write a value through a declared response model (FastAPI's {@code response_model}):
 * statically typed, so only the properties the declared type has leave the server, at the root and
 * in every nested declared type, whatever the runtime class holds ({@link ModelAccessorNaming} says
 * what a model's properties are). Three mappers, one per combination of FastAPI's
 * {@code response_model_exclude_none} (null and empty {@code Optional}/{@link Omittable} properties
 * left out) and {@code response_model_exclude_unset} (absent {@link Omittable} properties left out),
 * each built on first use. A writer is resolved once per route, by the start's warm-up; writing with it
 * costs what writing with the runtime class's writer does. One per {@link JsonMapping}, whose mapper
 * (and so naming policy) it extends. Used under the mapping's lock.
 */
final class ModelWriters {
    private static final JsonInclude.Value UNSET_LEFT_OUT =
            JsonInclude.Value.construct(JsonInclude.Include.CUSTOM, JsonInclude.Include.ALWAYS, AbsentFilter.class,
                    null);

    private final JsonMapper base;
    private JsonMapper all;
    private JsonMapper excludeNone;
    private JsonMapper excludeUnset;

    ModelWriters(JsonMapper base) {
        this.base = base;
    }

    /**
     * The writer of values of {@code model}, leaving out null and/or unset properties, for a handler
     * whose values are declared as {@code declared}.
     */
    ModelWriter.Resolved writerFor(Type model, Type declared, boolean excludeNone, boolean excludeUnset) {
        JsonMapper mapper = excludeNone ? excludeNone() : excludeUnset ? excludeUnset() : all();
        JavaType modelType = mapper.constructType(model);
        return ModelWriter.Resolved.of(mapper, modelType, ModelWriter.alwaysFits(mapper.constructType(declared), modelType));
    }

    private JsonMapper all() {
        if (all == null) {
            all = models().build();
        }
        return all;
    }

    // Exclude-none implies exclude-unset: an unset Omittable is written as null.
    private JsonMapper excludeNone() {
        if (excludeNone == null) {
            excludeNone = models()
                    .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_ABSENT)
                            .withContentInclusion(JsonInclude.Include.NON_NULL)) // Omittable.of(null), map values
                    .build();
        }
        return excludeNone;
    }

    private JsonMapper excludeUnset() {
        if (excludeUnset == null) {
            excludeUnset = models().withConfigOverride(Omittable.class, o -> o.setIncludeAsProperty(UNSET_LEFT_OUT))
                    .build();
        }
        return excludeUnset;
    }

    private JsonMapper.Builder models() {
        return base.rebuild()
                .enable(MapperFeature.USE_STATIC_TYPING)
                .accessorNaming(new ModelAccessorNaming())
                .annotationIntrospector(new InterfacesSortedByName());
    }

    /**
     * An interface's methods come from reflection in no particular order, so its properties are
     * written sorted by name (and documented so by OpenAPI); records and classes keep declaration order.
     */
    private static final class InterfacesSortedByName extends JacksonAnnotationIntrospector {
        @Override
        public Boolean findSerializationSortAlphabetically(MapperConfig<?> config, Annotated ann) {
            if (ann instanceof AnnotatedClass c && c.getRawType().isInterface()
                    && !c.getRawType().getName().startsWith("java.")) {
                return Boolean.TRUE;
            }
            return super.findSerializationSortAlphabetically(config, ann);
        }
    }

    /** Jackson's custom inclusion filter: {@code equals} is true for a value to leave out. */
    static final class AbsentFilter {
        @Override
        public boolean equals(Object value) {
            return value == null || value instanceof Omittable<?> o && o.isAbsent();
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
