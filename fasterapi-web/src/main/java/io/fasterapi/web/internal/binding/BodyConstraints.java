package io.fasterapi.web.internal.binding;

import io.fasterapi.web.internal.errors.ConstraintErrors;
import io.fasterapi.web.internal.errors.ValidationError;
import io.fasterapi.web.internal.json.JsonBodyChecker;
import io.fasterapi.web.internal.json.JsonMapping;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The constraint half of a body's complete check ({@link JsonBodyChecker#checkAll}): a record
 * component whose JSON has the right type is converted and validated on its own
 * ({@code Validator.validateValue}), a class Jackson maps is validated whole. Failing path only.
 * A violation's Java property path becomes a {@code loc} of the JSON names the app's
 * {@link JsonMapping} gives those properties. Immutable; any thread.
 */
final class BodyConstraints implements JsonBodyChecker.ConstraintCheck {
    private final JsonMapping json;

    BodyConstraints(JsonMapping json) {
        this.json = json;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void component(Class<?> owner, RecordComponent component, JsonNode child, List<Object> loc,
                          List<ValidationError> errors) {
        var property = Validators.validator().getConstraintsForClass(owner).getConstraintsForProperty(component.getName());
        if (property == null || !property.hasConstraints() && property.getConstrainedContainerElementTypes().isEmpty()) {
            return;
        }
        Object value;
        try {
            value = json.mapper().treeToValue(child, json.mapper().constructType(component.getGenericType()));
        } catch (JacksonException e) {
            return; // its type was checked; a value Jackson still cannot map has no constraint to report
        }
        Set<ConstraintViolation<?>> violations = (Set) Validators.validator()
                .validateValue((Class) owner, component.getName(), value);
        add(violations, loc, 1, child, errors);
    }

    @Override
    public void bean(Type type, JsonNode node, List<Object> loc, List<ValidationError> errors) {
        Object value;
        try {
            value = json.mapper().treeToValue(node, json.mapper().constructType(type));
        } catch (JacksonException e) {
            errors.add(new ValidationError("value_error", BodyExtractor.locOf(loc, e), "Value error, "
                    + BodyExtractor.reason(e), node, Map.of("error", BodyExtractor.reason(e))));
            return;
        }
        if (value != null) {
            add(Validators.validator().validate(value), loc, 0, null, errors);
        }
    }

    private int declarationIndex(ValidationError e, int baseSize, Set<? extends ConstraintViolation<?>> violations) {
        if (e.loc().size() <= baseSize || !(e.loc().get(baseSize) instanceof String name) || violations.isEmpty()) {
            return -1;
        }
        Class<?> bean = violations.iterator().next().getRootBeanClass();
        if (bean.isRecord()) {
            String[] names = json.componentNames(bean);
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(name)) {
                    return i;
                }
            }
        }
        var fields = bean.getDeclaredFields();
        for (int i = 0; i < fields.length; i++) {
            if (json.propertyName(bean, fields[i].getName()).equals(name)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    /**
     * Adds {@code violations} at {@code base} plus their property path (its first {@code skip} nodes
     * dropped). The input of a violation at {@code base} itself is {@code input} when given: pydantic
     * reports the input as it came ({@code -1}, not the converted {@code -1.0}).
     */
    void add(Set<? extends ConstraintViolation<?>> violations, List<Object> base, int skip, JsonNode input,
             List<ValidationError> errors) {
        List<ValidationError> found = new ArrayList<>();
        for (ConstraintViolation<?> v : violations) {
            List<Object> loc = new ArrayList<>(base);
            Class<?> owner = v.getRootBeanClass(); // the class whose property the next node names
            int i = 0;
            for (Path.Node node : v.getPropertyPath()) {
                // container elements are named "<list element>"; pydantic locates them by index only
                boolean property = node.getName() != null && !node.getName().startsWith("<");
                if (i++ < skip) {
                    owner = property ? valueClass(owner, node.getName()) : owner;
                    continue;
                }
                if (property) {
                    loc.add(json.propertyName(owner, node.getName()));
                    owner = valueClass(owner, node.getName());
                }
                if (node.getIndex() != null) {
                    loc.add(node.getIndex());
                } else if (node.getKey() != null) {
                    loc.add(String.valueOf(node.getKey()));
                }
            }
            found.add(ConstraintErrors.toError(v, loc, input != null && loc.size() == base.size() ? input
                    : v.getInvalidValue()));
        }
        // Hibernate Validator answers a set; pydantic reports fields in declaration order, and one
        // field's several errors here in a stable order.
        found.sort(Comparator.comparingInt((ValidationError e) -> declarationIndex(e, base.size(), violations))
                .thenComparing(ValidationError::type));
        errors.addAll(found);
    }

    /**
     * The class of the values of {@code owner}'s property {@code name}, the element's for a list,
     * array, map or {@code Optional} (where a path goes on into its elements); null when unknown.
     */
    private static Class<?> valueClass(Class<?> owner, String name) {
        if (owner == null) {
            return null;
        }
        Type type = null;
        if (owner.isRecord()) {
            for (RecordComponent c : owner.getRecordComponents()) {
                if (c.getName().equals(name)) {
                    type = c.getGenericType();
                }
            }
        }
        for (Class<?> c = owner; type == null && c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getName().equals(name)) {
                    type = f.getGenericType();
                }
            }
        }
        if (type == null) {
            return null;
        }
        Class<?> raw = JsonBodyChecker.rawClass(type);
        if (raw.isArray()) {
            return raw.getComponentType();
        }
        if (java.util.Map.class.isAssignableFrom(raw)) {
            return JsonBodyChecker.rawClass(JsonBodyChecker.typeArgument(type, 1));
        }
        if (java.util.Collection.class.isAssignableFrom(raw) || raw == java.util.Optional.class) {
            return JsonBodyChecker.rawClass(JsonBodyChecker.typeArgument(type, 0));
        }
        return raw;
    }
}
