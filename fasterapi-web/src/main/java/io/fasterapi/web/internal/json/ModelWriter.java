package io.fasterapi.web.internal.json;

import java.util.Collection;
import java.util.function.Supplier;
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
 * {@code ResponseValidationError} does. Resolved once (see {@link #resolve}); any thread.
 */
public final class ModelWriter {
    private final Supplier<Resolved> resolve;
    private volatile Resolved resolved; // on first use: the start's warm-up resolves it off the main thread

    /** What a model writer is made of, resolved once. */
    record Resolved(ObjectWriter writer, JsonMapper mapper, JavaType model, Class<?> raw, Class<?> element,
                    boolean alwaysFits) {
        static Resolved of(JsonMapper mapper, JavaType model, boolean alwaysFits) {
            Class<?> raw = model.getRawClass();
            Class<?> element = model.isCollectionLikeType() ? model.getContentType().getRawClass() : null;
            return new Resolved(mapper.writerFor(model), mapper, model, raw, element,
                    alwaysFits || raw == Object.class);
        }
    }

    /**
     * A writer resolved by {@code resolve} on first use: then Jackson builds the model's serializers, which
     * for a record or bean generates its accessors' code (Blackbird), so route compilation leaves it to the
     * start's warm-up. Two threads racing to resolve it both get a correct, equal writer.
     */
    ModelWriter(Supplier<Resolved> resolve) {
        this.resolve = resolve;
    }

    private Resolved resolved() {
        Resolved r = resolved;
        if (r == null) {
            r = resolve.get();
            resolved = r;
        }
        return r;
    }

    /** Resolves the writer now (the start's warm-up). */
    public void resolve() {
        resolved();
    }

    /** Writes values of the model. Any thread. */
    public ObjectWriter writer() {
        return resolved().writer();
    }

    /** {@code value} as a value of the model: itself when it is one, else converted. Handler's thread. */
    public Object adapt(Object value) {
        Resolved r = resolved();
        if (r.alwaysFits() || value == null || fits(r, value)) {
            return value;
        }
        return r.mapper().convertValue(value, r.model());
    }

    private static boolean fits(Resolved r, Object value) {
        if (!r.raw().isInstance(value)) {
            return false;
        }
        Class<?> element = r.element();
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
