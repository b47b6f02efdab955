package io.fasterapi.web.internal.binding;

import io.fasterapi.web.internal.convert.ScalarConverters;
import io.fasterapi.web.internal.convert.StringConverter;
import io.fasterapi.web.internal.errors.ConstraintErrors;
import io.fasterapi.web.internal.errors.ValidationError;
import io.fasterapi.web.internal.model.ParamSource;
import io.fasterapi.web.internal.model.ParameterModel;
import io.fasterapi.web.internal.request.RequestContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.metadata.MethodDescriptor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the Jakarta constraints declared on handler parameters ({@code @Min}, {@code @Size}...)
 * after conversion. Built only for handlers that have such constraints; bodies are validated by
 * their extractor instead, so their violations are skipped here.
 */
public final class ParameterValidator {
    private final Method method;
    private final Object target;
    private final List<ParameterModel> models;
    private final ParamExtractor[] extractors;

    private ParameterValidator(Method method, Object target, List<ParameterModel> models, ParamExtractor[] extractors) {
        this.method = method;
        this.target = target;
        this.models = models;
        this.extractors = extractors;
    }

    /**
     * A validator for {@code method}, or null when none of its non-body parameters is constrained
     * (on the parameter or on its type argument: {@code Optional<@Size(min = 3) String>}). A constraint
     * that cannot apply to its parameter's type ({@code @Size} on an {@code int}) fails here, at
     * startup, naming the handler and parameter, instead of every request with a 500.
     */
    static ParameterValidator forMethod(Method method, Object target, List<ParameterModel> models, ParamExtractor[] extractors) {
        if (!ConstraintScan.mayConstrain(method, i -> models.get(i).source() != ParamSource.BODY)) {
            return null; // nothing for the validator: it does not start for this handler
        }
        MethodDescriptor d = Validators.validator().getConstraintsForClass(method.getDeclaringClass())
                .getConstraintsForMethod(method.getName(), method.getParameterTypes());
        if (d == null) {
            return null;
        }
        boolean any = false;
        for (var p : d.getParameterDescriptors()) {
            ParameterModel m = models.get(p.getIndex());
            if ((p.hasConstraints() || !p.getConstrainedContainerElementTypes().isEmpty())
                    && m.source() != ParamSource.BODY) {
                any = true;
                checkApplicable(method, target, p.getIndex(), m);
            }
        }
        return any ? new ParameterValidator(method, target, models, extractors) : null;
    }

    // Validates a sample value of the parameter's type: Hibernate Validator finds its constraint
    // validators then, and says when there is none for the type.
    private static void checkApplicable(Method method, Object target, int index, ParameterModel m) {
        Object[] args = new Object[method.getParameterCount()];
        args[index] = sample(m.type());
        if (args[index] == null) {
            return;
        }
        try {
            Validators.validator().forExecutables().validateParameters(target, method, args);
        } catch (jakarta.validation.ValidationException e) {
            throw new IllegalArgumentException(method.getDeclaringClass().getSimpleName() + "." + method.getName()
                    + ": parameter '" + m.name() + "' of type " + m.type().getTypeName()
                    + " has a constraint that cannot apply to it: " + e.getMessage(), e);
        }
    }

    private static final List<String> SAMPLES = List.of("1", "x", "true", "2000-01-01", "2000-01-01T00:00:00",
            "2000-01-01T00:00:00Z", "00:00", "PT1S", "00000000-0000-0000-0000-000000000000");

    private static Object sample(java.lang.reflect.Type type) {
        Class<?> raw = io.fasterapi.web.internal.json.JsonBodyChecker.rawClass(type);
        if (raw == java.util.Optional.class || java.util.Collection.class.isAssignableFrom(raw)) {
            Object element = sample(io.fasterapi.web.internal.json.JsonBodyChecker.typeArgument(type, 0));
            if (element == null) {
                return null;
            }
            return raw == java.util.Optional.class ? java.util.Optional.of(element)
                    : java.util.Set.class.isAssignableFrom(raw) ? java.util.Set.of(element) : List.of(element);
        }
        if (raw.isEnum()) {
            Object[] constants = raw.getEnumConstants();
            return constants.length == 0 ? null : constants[0];
        }
        StringConverter converter = ScalarConverters.forType(raw);
        if (converter == null) {
            return null;
        }
        for (String s : SAMPLES) {
            try {
                return converter.convert(s);
            } catch (io.fasterapi.web.internal.errors.InvalidValue notThisOne) {
                // the next sample
            }
        }
        return null;
    }

    /**
     * The errors of every violated constraint of a non-body parameter, by parameter index, skipping
     * the parameters marked in {@code skip} (their value could not be bound: they have their error).
     */
    Map<Integer, List<ValidationError>> violations(Object[] args, RequestContext request, boolean[] skip) {
        Set<ConstraintViolation<Object>> violations = Validators.validator().forExecutables()
                .validateParameters(target, method, args);
        if (violations.isEmpty()) {
            return Map.of();
        }
        Map<Integer, List<ValidationError>> byIndex = new HashMap<>();
        for (ConstraintViolation<Object> v : violations) {
            int index = parameterIndex(v);
            if (index < 0 || skip[index]) {
                continue;
            }
            ParameterModel m = models.get(index);
            if (m.source() == ParamSource.BODY || m.source().location() == null) {
                continue;
            }
            Object raw = extractors[index].rawInput(request);
            byIndex.computeIfAbsent(index, k -> new ArrayList<>()).add(ConstraintErrors.toError(v,
                    List.of(m.source().location(), m.name()), raw != null ? raw : v.getInvalidValue()));
        }
        byIndex.values().forEach(list -> list.sort(Comparator.comparing(ValidationError::type)));
        return byIndex;
    }

    private static int parameterIndex(ConstraintViolation<?> v) {
        for (Path.Node n : v.getPropertyPath()) {
            if (n.getKind() == jakarta.validation.ElementKind.PARAMETER) {
                return n.as(Path.ParameterNode.class).getParameterIndex();
            }
        }
        return -1;
    }
}
