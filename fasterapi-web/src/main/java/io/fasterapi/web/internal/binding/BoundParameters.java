package io.fasterapi.web.internal.binding;

import io.fasterapi.web.internal.errors.RequestValidationException;
import io.fasterapi.web.internal.model.ParameterModel;
import io.fasterapi.web.internal.request.RequestContext;
import java.util.List;

/**
 * A compiled binding plan: one extractor per parameter, run in FastAPI's error order, then the
 * Jakarta checks of the parameters themselves. Immutable; shared by every request of a route.
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
        Object[] args = new Object[extractors.length];
        for (int i : order) {
            args[i] = extractors[i].extract(request);
        }
        if (request.hasErrors()) {
            throw new RequestValidationException(request.errors());
        }
        if (validator != null) {
            validator.validate(args, request);
            if (request.hasErrors()) {
                throw new RequestValidationException(request.errors());
            }
        }
        return args;
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
