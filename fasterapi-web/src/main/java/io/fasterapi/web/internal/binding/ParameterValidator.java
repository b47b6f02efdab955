package io.fasterapi.web.internal.binding;

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

    /** A validator for {@code method}, or null when none of its non-body parameters is constrained. */
    static ParameterValidator forMethod(Method method, Object target, List<ParameterModel> models, ParamExtractor[] extractors) {
        MethodDescriptor d = Validators.validator().getConstraintsForClass(method.getDeclaringClass())
                .getConstraintsForMethod(method.getName(), method.getParameterTypes());
        if (d == null || !d.hasConstrainedParameters()) {
            return null;
        }
        boolean any = d.getParameterDescriptors().stream().anyMatch(p -> p.hasConstraints()
                && models.get(p.getIndex()).source() != ParamSource.BODY);
        return any ? new ParameterValidator(method, target, models, extractors) : null;
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
