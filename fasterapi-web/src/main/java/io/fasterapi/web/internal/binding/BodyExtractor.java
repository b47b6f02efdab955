package io.fasterapi.web.internal.binding;

import io.fasterapi.web.internal.errors.ConstraintErrors;
import io.fasterapi.web.internal.errors.ValidationError;
import io.fasterapi.web.internal.json.JsonBodyChecker;
import io.fasterapi.web.internal.json.JsonCodec;
import io.fasterapi.web.internal.request.RequestContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;

/**
 * Reads the JSON body into the parameter's type: parse (422 {@code json_invalid}), check the tree
 * against the type (every {@code missing}/type error at once), map with Jackson, then run Jakarta
 * Validation when the type (or a list's element type) carries constraints.
 */
final class BodyExtractor implements ParamExtractor {
    private static final List<Object> LOC = List.of("body");

    private final Type type;
    private final JavaType javaType;
    private final boolean optional;
    private final boolean validate;

    BodyExtractor(Type type) {
        boolean isOptional = JsonBodyChecker.rawClass(type) == Optional.class;
        this.optional = isOptional;
        this.type = isOptional ? JsonBodyChecker.typeArgument(type, 0) : type;
        this.javaType = JsonCodec.mapper().constructType(this.type);
        Class<?> raw = JsonBodyChecker.rawClass(this.type);
        Class<?> checked = Collection.class.isAssignableFrom(raw)
                ? JsonBodyChecker.rawClass(JsonBodyChecker.typeArgument(this.type, 0)) : raw;
        this.validate = Validators.isConstrained(checked);
    }

    @Override
    public Object extract(RequestContext request) {
        var content = request.nettyRequest().content();
        if (!content.isReadable()) {
            if (!optional) {
                request.addError(ValidationError.missing(LOC, null));
                return null;
            }
            return Optional.empty();
        }
        JsonNode tree = request.jsonBodyReader().readTree(content);
        List<ValidationError> errors = new ArrayList<>();
        JsonBodyChecker.check(tree, type, LOC, errors);
        if (!errors.isEmpty()) {
            request.addErrors(errors);
            return null;
        }
        Object value;
        try {
            value = JsonCodec.mapper().treeToValue(tree, javaType);
        } catch (JacksonException e) {
            request.addError(new ValidationError("value_error", locOf(e), "Value error, " + e.getOriginalMessage(),
                    tree, java.util.Map.of("error", String.valueOf(e.getOriginalMessage()))));
            return null;
        }
        if (validate) {
            validate(value, request);
        }
        return optional ? Optional.ofNullable(value) : value;
    }

    private static void validate(Object value, RequestContext request) {
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object element : list) {
                addViolations(Validators.validator().validate(element), List.of("body", i++), request);
            }
        } else {
            addViolations(Validators.validator().validate(value), LOC, request);
        }
    }

    private static void addViolations(Set<? extends ConstraintViolation<?>> violations, List<Object> base,
                                      RequestContext request) {
        List<ConstraintViolation<?>> sorted = new ArrayList<>(violations);
        sorted.sort(java.util.Comparator.comparingInt(BodyExtractor::declarationIndex));
        for (ConstraintViolation<?> v : sorted) {
            List<Object> loc = new ArrayList<>(base);
            for (Path.Node node : v.getPropertyPath()) {
                if (node.getName() != null) {
                    loc.add(node.getName());
                }
                if (node.getIndex() != null) {
                    loc.add(node.getIndex());
                } else if (node.getKey() != null) {
                    loc.add(String.valueOf(node.getKey()));
                }
            }
            request.addError(ConstraintErrors.toError(v, loc, v.getInvalidValue()));
        }
    }

    // Hibernate Validator returns a set; pydantic reports fields in declaration order.
    private static int declarationIndex(ConstraintViolation<?> v) {
        java.util.Iterator<Path.Node> nodes = v.getPropertyPath().iterator();
        String first = nodes.hasNext() ? nodes.next().getName() : null;
        Class<?> bean = v.getRootBeanClass();
        if (first == null) {
            return -1;
        }
        if (bean.isRecord()) {
            var components = bean.getRecordComponents();
            for (int i = 0; i < components.length; i++) {
                if (components[i].getName().equals(first)) {
                    return i;
                }
            }
        }
        var fields = bean.getDeclaredFields();
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].getName().equals(first)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static List<Object> locOf(JacksonException e) {
        List<Object> loc = new ArrayList<>(LOC);
        for (JacksonException.Reference r : e.getPath()) {
            if (r.getPropertyName() != null) {
                loc.add(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                loc.add(r.getIndex());
            }
        }
        return loc;
    }
}
