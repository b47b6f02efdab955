package io.fasterapi.web.internal.binding;

import io.fasterapi.web.internal.request.RequestContext;

/**
 * Reads one handler parameter from a request. A value that is missing or does not convert is
 * recorded as an error on the request (and a placeholder returned), so one pass finds every error.
 */
public interface ParamExtractor {
    /** The parameter's value, or a placeholder after recording an error. */
    Object extract(RequestContext request) throws Exception;

    /** The raw request text the value came from (reported as {@code input} by constraint errors). */
    default Object rawInput(RequestContext request) {
        return null;
    }
}
