package io.fasterapi.web.internal.binding;

import io.fasterapi.web.internal.json.JsonBodyChecker;
import jakarta.validation.Valid;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a mapped body violates a constraint anywhere, nested records included without
 * {@code @Valid} (pydantic validates nested models; Hibernate Validator cascades only into
 * {@code @Valid}). Compiled once per body type at startup: record accessors are method handles, so
 * a request costs the validations themselves and no reflection. The violations' 422 body is built
 * by the complete check on the failing path. Immutable once built; any thread.
 */
final class BodyValidation {
    private enum Shape { VALUE, OPTIONAL, ITERABLE, MAP }

    private final Shape shape;
    private boolean validateSelf;
    private BodyValidation element; // OPTIONAL, ITERABLE, MAP: the plan of what they hold
    private final List<MethodHandle> accessors = new ArrayList<>();
    private final List<BodyValidation> components = new ArrayList<>();

    private BodyValidation(Shape shape) {
        this.shape = shape;
    }

    /** The plan for {@code type}, or null when nothing in it is constrained. */
    static BodyValidation of(Type type) {
        BodyValidation plan = compile(type, new HashMap<>());
        return plan != null && plan.needed(new java.util.IdentityHashMap<>()) ? plan : null;
    }

    private static BodyValidation compile(Type type, Map<Type, BodyValidation> seen) {
        BodyValidation known = seen.get(type);
        if (known != null) {
            return known;
        }
        Class<?> raw = JsonBodyChecker.rawClass(type);
        if (raw == Optional.class || Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)) {
            BodyValidation plan = new BodyValidation(raw == Optional.class ? Shape.OPTIONAL
                    : Map.class.isAssignableFrom(raw) ? Shape.MAP : Shape.ITERABLE);
            seen.put(type, plan);
            plan.element = compile(JsonBodyChecker.typeArgument(type, Map.class.isAssignableFrom(raw) ? 1 : 0), seen);
            return plan.element == null ? null : plan;
        }
        if (raw.isArray()) {
            return null;
        }
        BodyValidation plan = new BodyValidation(Shape.VALUE);
        seen.put(type, plan);
        plan.validateSelf = Validators.isConstrained(raw);
        if (plan.validateSelf) {
            Validators.wanted();
        }
        if (!raw.isRecord()) {
            return plan.validateSelf ? plan : null;
        }
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        for (RecordComponent c : raw.getRecordComponents()) {
            if (cascadedByValidator(raw, c)) {
                continue;
            }
            BodyValidation child = compile(c.getGenericType(), seen);
            if (child == null) {
                continue;
            }
            try {
                c.getAccessor().setAccessible(true);
                plan.accessors.add(lookup.unreflect(c.getAccessor()).asType(MethodType.methodType(Object.class, Object.class)));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalArgumentException("cannot read " + raw.getName() + "." + c.getName()
                        + " to validate it: " + e.getMessage(), e);
            }
            plan.components.add(child);
        }
        return plan.validateSelf || !plan.components.isEmpty() ? plan : null;
    }

    // @Valid on the component: Hibernate Validator already validates it as part of the record.
    private static boolean cascadedByValidator(Class<?> record, RecordComponent c) {
        try {
            return record.getDeclaredField(c.getName()).isAnnotationPresent(Valid.class);
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    // Drops the plan when no part of it validates anything (a type graph without constraints).
    private boolean needed(java.util.IdentityHashMap<BodyValidation, Boolean> visiting) {
        if (visiting.containsKey(this)) {
            return visiting.get(this);
        }
        visiting.put(this, false);
        boolean any = validateSelf || (element != null && element.needed(visiting));
        for (BodyValidation c : components) {
            any |= c.needed(visiting);
        }
        visiting.put(this, any);
        return any;
    }

    private static Object read(MethodHandle accessor, Object record) {
        try {
            return accessor.invoke(record);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t); // a record accessor throws nothing checked
        }
    }

    /** Whether {@code value} (of the planned type) violates a constraint. Runs on the handler's thread. */
    boolean violated(Object value) {
        if (value == null) {
            return false;
        }
        switch (shape) {
            case OPTIONAL -> {
                Optional<?> o = (Optional<?>) value;
                return element != null && o.isPresent() && element.violated(o.get());
            }
            case ITERABLE -> {
                if (element != null) {
                    for (Object e : (Iterable<?>) value) {
                        if (element.violated(e)) {
                            return true;
                        }
                    }
                }
                return false;
            }
            case MAP -> {
                if (element != null) {
                    for (Object e : ((Map<?, ?>) value).values()) {
                        if (element.violated(e)) {
                            return true;
                        }
                    }
                }
                return false;
            }
            default -> {
                if (validateSelf && !Validators.validator().validate(value).isEmpty()) {
                    return true;
                }
                for (int i = 0; i < accessors.size(); i++) {
                    if (components.get(i).violated(read(accessors.get(i), value))) {
                        return true;
                    }
                }
                return false;
            }
        }
    }
}
