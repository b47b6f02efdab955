package io.fasterapi.web.internal.binding;

import io.fasterapi.web.internal.convert.StringConverter;
import io.fasterapi.web.internal.errors.InvalidValue;
import io.fasterapi.web.internal.errors.ValidationError;
import io.fasterapi.web.internal.request.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Extractors for values read from request text: path segments, query parameters, headers, cookies.
 * Each is built once per parameter at startup and holds its converter, name and default.
 */
final class SimpleExtractors {
    private SimpleExtractors() {
    }

    /** How many values a parameter takes and how absence is expressed. */
    enum Arity { ONE, OPTIONAL, LIST }

    /** Reads the text values of one parameter from a request. */
    @FunctionalInterface
    interface TextSource {
        List<String> values(RequestContext request);
    }

    static ParamExtractor path(int index, StringConverter converter, List<Object> loc) {
        return new ParamExtractor() {
            @Override
            public Object extract(RequestContext request) {
                String raw = request.pathValue(index);
                try {
                    return converter.convert(raw);
                } catch (InvalidValue e) {
                    request.addError(e.at(loc, raw));
                    return null;
                }
            }

            @Override
            public Object rawInput(RequestContext request) {
                return request.pathValue(index);
            }
        };
    }

    /**
     * A path parameter of a dependency factory, which serves routes of any template: read by
     * {@code name} from the route that runs it, missing (422) when that route has no such variable.
     */
    static ParamExtractor pathByName(String name, StringConverter converter, List<Object> loc) {
        return new ParamExtractor() {
            @Override
            public Object extract(RequestContext request) {
                String raw = request.pathParam(name);
                if (raw == null) {
                    request.addError(ValidationError.missing(loc, null));
                    return null;
                }
                try {
                    return converter.convert(raw);
                } catch (InvalidValue e) {
                    request.addError(e.at(loc, raw));
                    return null;
                }
            }

            @Override
            public Object rawInput(RequestContext request) {
                return request.pathParam(name);
            }
        };
    }

    /**
     * A query/header/cookie parameter. {@code useLast}: Starlette reads the last of repeated query
     * keys but the first of repeated headers.
     */
    static ParamExtractor text(TextSource source, boolean useLast, Arity arity, StringConverter converter,
                               Object defaultValue, boolean required, List<Object> loc) {
        return new ParamExtractor() {
            @Override
            public Object extract(RequestContext request) {
                List<String> values = source.values(request);
                if (arity == Arity.LIST) {
                    if (values.isEmpty()) {
                        if (required) {
                            request.addError(ValidationError.missing(loc, null));
                        }
                        return defaultValue;
                    }
                    List<Object> out = new ArrayList<>(values.size());
                    for (int i = 0; i < values.size(); i++) {
                        try {
                            out.add(converter.convert(values.get(i)));
                        } catch (InvalidValue e) {
                            List<Object> at = new ArrayList<>(loc);
                            at.add(i);
                            request.addError(e.at(at, values.get(i)));
                        }
                    }
                    return out;
                }
                if (values.isEmpty()) {
                    if (required) {
                        request.addError(ValidationError.missing(loc, null));
                    }
                    return defaultValue;
                }
                String raw = useLast ? values.get(values.size() - 1) : values.get(0);
                try {
                    Object v = converter.convert(raw);
                    return arity == Arity.OPTIONAL ? Optional.of(v) : v;
                } catch (InvalidValue e) {
                    request.addError(e.at(loc, raw));
                    return null;
                }
            }

            @Override
            public Object rawInput(RequestContext request) {
                List<String> values = source.values(request);
                if (arity == Arity.LIST) {
                    return values;
                }
                return values.isEmpty() ? null : useLast ? values.get(values.size() - 1) : values.get(0);
            }
        };
    }
}
