package io.fasterapi.web.internal.binding;

import io.fasterapi.web.internal.errors.ConstraintErrors;
import io.fasterapi.web.internal.errors.ValidationError;
import io.fasterapi.web.internal.json.JsonBodyChecker;
import io.fasterapi.web.internal.json.JsonCodec;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
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
 * Stateless; any thread.
 */
final class BodyConstraints implements JsonBodyChecker.ConstraintCheck {
    static final BodyConstraints INSTANCE = new BodyConstraints();

    private BodyConstraints() {
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
            value = JsonCodec.mapper().treeToValue(child, JsonCodec.mapper().constructType(component.getGenericType()));
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
            value = JsonCodec.mapper().treeToValue(node, JsonCodec.mapper().constructType(type));
        } catch (JacksonException e) {
            errors.add(new ValidationError("value_error", BodyExtractor.locOf(loc, e), "Value error, "
                    + BodyExtractor.reason(e), node, Map.of("error", BodyExtractor.reason(e))));
            return;
        }
        if (value != null) {
            add(Validators.validator().validate(value), loc, 0, null, errors);
        }
    }

    private static int declarationIndex(ValidationError e, int baseSize, Set<? extends ConstraintViolation<?>> violations) {
        if (e.loc().size() <= baseSize || !(e.loc().get(baseSize) instanceof String name) || violations.isEmpty()) {
            return -1;
        }
        Class<?> bean = violations.iterator().next().getRootBeanClass();
        if (bean.isRecord()) {
            RecordComponent[] components = bean.getRecordComponents();
            for (int i = 0; i < components.length; i++) {
                if (components[i].getName().equals(name)) {
                    return i;
                }
            }
        }
        var fields = bean.getDeclaredFields();
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].getName().equals(name)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    /**
     * Adds {@code violations} at {@code base} plus their property path (its first {@code skip} nodes
     * dropped). The input of a violation at {@code base} itself is {@code json} when given: pydantic
     * reports the input as it came ({@code -1}, not the converted {@code -1.0}).
     */
    static void add(Set<? extends ConstraintViolation<?>> violations, List<Object> base, int skip, JsonNode json,
                    List<ValidationError> errors) {
        List<ValidationError> found = new ArrayList<>();
        for (ConstraintViolation<?> v : violations) {
            List<Object> loc = new ArrayList<>(base);
            int i = 0;
            for (Path.Node node : v.getPropertyPath()) {
                if (i++ < skip) {
                    continue;
                }
                // container elements are named "<list element>"; pydantic locates them by index only
                if (node.getName() != null && !node.getName().startsWith("<")) {
                    loc.add(node.getName());
                }
                if (node.getIndex() != null) {
                    loc.add(node.getIndex());
                } else if (node.getKey() != null) {
                    loc.add(String.valueOf(node.getKey()));
                }
            }
            found.add(ConstraintErrors.toError(v, loc, json != null && loc.size() == base.size() ? json
                    : v.getInvalidValue()));
        }
        // Hibernate Validator answers a set; pydantic reports fields in declaration order, and one
        // field's several errors here in a stable order.
        found.sort(Comparator.comparingInt((ValidationError e) -> declarationIndex(e, base.size(), violations))
                .thenComparing(ValidationError::type));
        errors.addAll(found);
    }
}
