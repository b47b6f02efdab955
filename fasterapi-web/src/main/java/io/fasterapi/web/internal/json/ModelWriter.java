package io.fasterapi.web.internal.json;

import java.util.Collection;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A route's response model, compiled once: the writer of its values and, when the handler's
 * declared type does not guarantee that its values are of the model ({@code Object} with
 * {@code @ResponseModel(UserOut.class)} returning a {@code UserIn}), the conversion pydantic does
 * when it validates a returned object into the response model: its properties are read into the
 * model's type (a record, a class), so {@code password} does not survive into a {@code UserOut}. A
 * value that cannot be converted fails the request with 500, as FastAPI's
 * {@code ResponseValidationError} does. Immutable; any thread.
 */
public final class ModelWriter {
    private final ObjectWriter writer;
    private final JsonMapper mapper;
    private final JavaType model;
    private final Class<?> raw;
    private final Class<?> element; // the model's element class when it is a collection, else null
    private final boolean alwaysFits;

    ModelWriter(ObjectWriter writer, JsonMapper mapper, JavaType model, boolean alwaysFits) {
        this.writer = writer;
        this.mapper = mapper;
        this.model = model;
        this.raw = model.getRawClass();
        this.element = model.isCollectionLikeType() ? model.getContentType().getRawClass() : null;
        this.alwaysFits = alwaysFits || raw == Object.class;
    }

    /** Writes values of the model. */
    public ObjectWriter writer() {
        return writer;
    }

    /** {@code value} as a value of the model: itself when it is one, else converted. Handler's thread. */
    public Object adapt(Object value) {
        if (alwaysFits || value == null || fits(value)) {
            return value;
        }
        return mapper.convertValue(value, model);
    }

    private boolean fits(Object value) {
        if (!raw.isInstance(value)) {
            return false;
        }
        if (element != null && element != Object.class && value instanceof Collection<?> values) {
            for (Object v : values) {
                if (v != null && !element.isInstance(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether every value of {@code declared} is already a value of {@code model} (no check per request). */
    static boolean alwaysFits(JavaType declared, JavaType model) {
        if (!model.getRawClass().isAssignableFrom(declared.getRawClass())) {
            return false;
        }
        if (model.isCollectionLikeType()) {
            return declared.isCollectionLikeType()
                    && model.getContentType().getRawClass().isAssignableFrom(declared.getContentType().getRawClass());
        }
        return !model.isContainerType() && !model.isReferenceType();
    }
}
