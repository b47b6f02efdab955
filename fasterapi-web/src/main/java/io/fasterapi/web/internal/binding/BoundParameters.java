package io.fasterapi.web.internal.binding;

import io.fasterapi.web.internal.errors.RequestValidationException;
import io.fasterapi.web.internal.errors.ValidationError;
import io.fasterapi.web.internal.model.ParameterModel;
import io.fasterapi.web.internal.request.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A compiled binding plan: one extractor per parameter, run in FastAPI's error order, then the
 * Jakarta checks of the parameters themselves (all errors of a request are reported at once). Immutable; shared by every request of a route.
 *
 * @param models the parameters as declared
 * @param extractors one per parameter, in declaration order
 * @param order the order to run the extractors in
 * @param validator the parameter constraint check, or null when no parameter has one
 */
public record BoundParameters(List<ParameterModel> models, ParamExtractor[] extractors, int[] order,
                              ParameterValidator validator) {

    /**
     * The arguments for one request. Throws {@link RequestValidationException} with every error when
     * any value is missing, malformed or violates a constraint. Runs on the handler's thread.
     */
    public Object[] bind(RequestContext request) throws Exception {
        Object[] args = extract(request);
        if (args == null) {
            throw new RequestValidationException(request.errors());
        }
        return args;
    }

    /**
     * The arguments for one request, or null when any value is missing, malformed or violates a
     * constraint; then {@code request} holds every error, in FastAPI's order (parameter by
     * parameter, each one's conversion or constraint errors in its place).
     */
    public Object[] extract(RequestContext request) throws Exception {
        Object[] args = new Object[extractors.length];
        if (validator == null) {
            for (int i : order) {
                args[i] = extractors[i].extract(request);
            }
            return request.hasErrors() ? null : args;
        }
        int n = extractors.length;
        int[] from = new int[n];
        int[] to = new int[n];
        boolean[] failed = new boolean[n];
        int before = request.errors().size();
        for (int i : order) {
            from[i] = request.errors().size();
            args[i] = extractors[i].extract(request);
            to[i] = request.errors().size();
            failed[i] = to[i] > from[i];
        }
        Map<Integer, List<ValidationError>> violations = validator.violations(args, request, failed);
        if (violations.isEmpty()) {
            return request.hasErrors() ? null : args;
        }
        List<ValidationError> recorded = List.copyOf(request.errors());
        List<ValidationError> ordered = new ArrayList<>(recorded.subList(0, before));
        for (int i : order) {
            ordered.addAll(recorded.subList(from[i], to[i]));
            ordered.addAll(violations.getOrDefault(i, List.of()));
        }
        request.replaceErrors(ordered);
        return null;
    }

    /** Whether a parameter takes the body as a stream ({@code InputStream}). */
    public boolean streamsBody() {
        for (ParameterModel m : models) {
            if (m.streamsBody()) {
                return true;
            }
        }
        return false;
    }
}
