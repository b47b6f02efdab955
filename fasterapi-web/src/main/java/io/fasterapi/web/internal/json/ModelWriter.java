package io.fasterapi.web.internal.json;

import java.lang.reflect.Type;
import java.util.Collection;
import java.util.function.Supplier;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * A route's response model, compiled once: the writer of its values and, when the handler's
 * declared type does not guarantee that its values are of the model ({@code Object} with
 * {@code @ResponseModel(UserOut.class)} returning a {@code UserIn}), the conversion pydantic does
 * when it validates a returned object into the response model: its properties are read into the
 * model's type (a record, a class), so {@code password} does not survive into a {@code UserOut}. A
 * value that cannot be converted fails the request with 500, as FastAPI's
 * {@code ResponseValidationError} does. A plain model ({@link PlainJson}) is written without databind,
 * which then only converts values that are not of the model. Resolved once (see {@link #resolve}); any
 * thread.
 */
public final class ModelWriter {
    private final Type model;
    private final Type declared;
    private final JsonMapping plainNames; // null: never plain (values are filtered)
    private final Supplier<Resolved> databind;
    private volatile Resolved resolved; // on first use: the start's warm-up resolves it off the main thread
    private volatile Resolved converter; // databind's, for values not of a plain model

    /** What a model writer is made of, resolved once; {@code mapper} and {@code model} null for a plain one. */
    record Resolved(JsonValueWriter writer, JsonMapper mapper, JavaType model, Class<?> raw, Class<?> element,
                    boolean alwaysFits) {
        static Resolved of(JsonMapper mapper, JavaType model, boolean alwaysFits) {
            Class<?> raw = model.getRawClass();
            Class<?> element = model.isCollectionLikeType() ? model.getContentType().getRawClass() : null;
            return new Resolved(new JacksonValueWriter(mapper.writerFor(model)), mapper, model, raw, element,
                    alwaysFits || raw == Object.class);
        }
    }

    /**
     * A writer of values of {@code model}, for a handler whose values are declared as {@code declared}, plain
     * when {@code plainNames} is not null and the model is plain, else resolved by {@code databind} on first
     * use: then Jackson builds the model's serializers, which for a record or bean generates its accessors'
     * code (Blackbird), so route compilation leaves it to the start's warm-up. Two threads racing to resolve
     * it both get a correct, equal writer.
     */
    ModelWriter(Type model, Type declared, JsonMapping plainNames, Supplier<Resolved> databind) {
        this.model = model;
        this.declared = declared;
        this.plainNames = plainNames;
        this.databind = databind;
    }

    private Resolved resolved() {
        Resolved r = resolved;
        if (r == null) {
            r = plain();
            if (r == null) {
                r = databind.get();
            }
            resolved = r;
        }
        return r;
    }

    private Resolved plain() {
        JsonValueWriter writer = plainNames == null ? null : PlainJson.writerFor(model, plainNames);
        if (writer == null) {
            return null;
        }
        Class<?> raw = JsonBodyChecker.rawClass(model);
        Class<?> element = Collection.class.isAssignableFrom(raw) ? JsonBodyChecker.rawClass(JsonBodyChecker.typeArgument(model, 0)) : null;
        return new Resolved(writer, null, null, raw, element, alwaysFits(declared, raw, element));
    }

    /** Resolves the writer now (the start's warm-up); whether the model needs databind to write it. */
    public boolean resolve() {
        return resolved().mapper() != null;
    }

    /** Writes values of the model. Any thread. */
    public JsonValueWriter writer() {
        return resolved().writer();
    }

    /** {@code value} as a value of the model: itself when it is one, else converted. Handler's thread. */
    public Object adapt(Object value) {
        Resolved r = resolved();
        if (r.alwaysFits() || value == null || fits(r, value)) {
            return value;
        }
        if (r.mapper() == null) {
            r = converter();
        }
        return r.mapper().convertValue(value, r.model());
    }

    private Resolved converter() {
        Resolved c = converter;
        if (c == null) {
            c = databind.get();
            converter = c;
        }
        return c;
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

    // The same question for a plain model (a record, a scalar, or a collection of them), without databind.
    private static boolean alwaysFits(Type declared, Class<?> raw, Class<?> element) {
        Class<?> declaredRaw = JsonBodyChecker.rawClass(declared);
        if (!raw.isAssignableFrom(declaredRaw)) {
            return false;
        }
        return element == null || Collection.class.isAssignableFrom(declaredRaw)
                && element.isAssignableFrom(JsonBodyChecker.rawClass(JsonBodyChecker.typeArgument(declared, 0)));
    }
}
