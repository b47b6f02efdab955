package io.fasterapi.web.internal.binding;

import io.fasterapi.web.internal.convert.ScalarConverters;
import io.fasterapi.web.internal.convert.StringConverter;
import io.fasterapi.web.internal.errors.InvalidValue;
import io.fasterapi.web.internal.errors.ValidationError;
import io.fasterapi.web.internal.json.JsonBodyChecker;
import io.fasterapi.web.internal.json.JsonCodec;
import io.fasterapi.web.internal.json.JsonMapping;
import io.fasterapi.web.internal.request.RequestContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;

/**
 * Reads the JSON body into the parameter's type, as FastAPI does (fastapi/routing.py,
 * {@code get_request_handler}): an empty body or {@code null} is {@code missing}; a body is parsed
 * as JSON only when its {@code Content-Type} is {@code application/json} or
 * {@code application/*+json} (or has none, when {@code strict_content_type} is off), and otherwise
 * validated as the raw text it is (a record then answers
 * {@code model_attributes_type}); malformed JSON is {@code json_invalid}. The tree is type-checked,
 * mapped with Jackson and validated, nested records included.
 *
 * <p>A valid body costs one parse, one type walk, one mapping and the validations its types
 * declare; only a failing one is walked again to report every error at once, type and constraint
 * errors together, over all fields, as pydantic does. Property names, and so {@code loc}s, are the
 * app's ({@link JsonMapping}).
 */
final class BodyExtractor implements ParamExtractor {
    private static final List<Object> LOC = List.of("body");

    /** A constrained record to take the failing path once, before the server listens. */
    private record WarmUp(@jakarta.validation.constraints.Size(min = 2) String s, @jakarta.validation.constraints.Max(1) int n) {
    }

    /**
     * Takes the failing path once, so that its classes (JSON diagnosis, bounds, Hibernate Validator's
     * validateValue) are loaded before the server listens, on a platform thread: loaded first by racing
     * virtual threads, they would pin their carriers.
     */
    static void warmUpFailingPath() {
        List<ValidationError> errors = new ArrayList<>();
        BodyConstraints constraints = new BodyConstraints(JsonMapping.DECLARED);
        JsonBodyChecker.checkAll(JsonCodec.mapper().readTree("{\"s\":\"x\",\"n\":99999999999}"), WarmUp.class, LOC,
                errors, constraints, JsonMapping.DECLARED);
        JsonBodyChecker.checkAll(JsonCodec.mapper().readTree("{\"s\":\"x\",\"n\":5}"), WarmUp.class, LOC,
                errors, constraints, JsonMapping.DECLARED);
        isJson("application/vnd.x+json; charset=utf-8");
    }

    private final Type type;
    private volatile JavaType javaType; // on first use: route compilation does not wait for databind's mapper
    private final boolean optional;
    private final BodyValidation validation;
    private final boolean strictContentType;
    private final JsonMapping json;
    private final BodyConstraints constraints;

    BodyExtractor(Type type, boolean strictContentType, JsonMapping json) {
        this.strictContentType = strictContentType;
        this.json = json;
        this.constraints = new BodyConstraints(json);
        boolean isOptional = JsonBodyChecker.rawClass(type) == Optional.class;
        this.optional = isOptional;
        this.type = isOptional ? JsonBodyChecker.typeArgument(type, 0) : type;
        this.validation = BodyValidation.of(this.type);
        JsonBodyChecker.prepare(this.type, json);
    }

    // The start's warm-up builds the mapper (JsonWarmup) while the main thread compiles the other routes.
    private JavaType javaType() {
        JavaType t = javaType;
        if (t == null) {
            t = json.mapper().constructType(type);
            javaType = t;
        }
        return t;
    }

    @Override
    public Object extract(RequestContext request) throws Exception {
        var content = request.nettyRequest().content();
        if (!content.isReadable()) {
            return absent(request);
        }
        String contentType = request.nettyRequest().headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (contentType == null ? strictContentType : !isJson(contentType)) {
            return notJson(content.toString(StandardCharsets.UTF_8), request);
        }
        JsonNode tree = request.jsonBodyReader().readTree(content);
        if (tree.isNull()) {
            return absent(request);
        }
        List<ValidationError> errors = new ArrayList<>(0);
        JsonBodyChecker.check(tree, type, LOC, errors, json);
        if (!errors.isEmpty()) {
            return failed(tree, request);
        }
        Object value;
        try {
            value = json.mapper().treeToValue(tree, javaType());
        } catch (JacksonException e) {
            request.addError(new ValidationError("value_error", locOf(LOC, e), "Value error, " + reason(e),
                    tree, Map.of("error", reason(e))));
            return null;
        }
        if (validation != null && validation.violated(value)) {
            return failed(tree, request);
        }
        return optional ? Optional.ofNullable(value) : value;
    }

    // FastAPI: an empty body, and the JSON null, leave the body None: "missing" when it is required.
    private Object absent(RequestContext request) {
        if (optional) {
            return Optional.empty();
        }
        request.addError(ValidationError.missing(LOC, null));
        return null;
    }

    // The failing path: every error of the body, type and constraint errors in field order.
    private Object failed(JsonNode tree, RequestContext request) {
        List<ValidationError> all = new ArrayList<>();
        JsonBodyChecker.checkAll(tree, type, LOC, all, constraints, json);
        if (all.isEmpty()) {
            // only a class-level constraint failed: the validator's own account of it
            try {
                Object value = json.mapper().treeToValue(tree, javaType());
                constraints.add(Validators.validator().validate(value), LOC, 0, null, all);
            } catch (JacksonException e) {
                all.add(new ValidationError("value_error", LOC, "Value error, " + reason(e), tree,
                        Map.of("error", reason(e))));
            }
        }
        request.addErrors(all.stream().distinct().toList());
        return null;
    }

    /**
     * FastAPI's test (fastapi/routing.py): the media type's main type is {@code application} and its
     * subtype {@code json} or {@code *+json}, parameters ignored, case-insensitively. A missing
     * {@code Content-Type} is the {@code strict_content_type} switch's to decide.
     */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        if (contentType.equals("application/json")) {
            return true;
        }
        int semicolon = contentType.indexOf(';');
        String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(java.util.Locale.ROOT);
        int slash = media.indexOf('/');
        if (slash < 0 || media.indexOf('/', slash + 1) >= 0) {
            return false; // Python's email.message reads a malformed type as text/plain
        }
        String subtype = media.substring(slash + 1);
        return media.startsWith("application/") && (subtype.equals("json") || subtype.endsWith("+json"));
    }

    // A body that is not JSON reaches pydantic as bytes: a record, list or map is the wrong type for
    // it; a string takes the text; another simple type converts the text as it would a query value.
    private Object notJson(String text, RequestContext request) {
        Class<?> raw = JsonBodyChecker.rawClass(type);
        ValidationError error;
        if (raw == String.class || raw == CharSequence.class || raw == Object.class) {
            return optional ? Optional.of(text) : text;
        } else if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            error = new ValidationError("list_type", LOC, "Input should be a valid list", text, null);
        } else if (Map.class.isAssignableFrom(raw)) {
            error = new ValidationError("dict_type", LOC, "Input should be a valid dictionary", text, null);
        } else {
            StringConverter converter = ScalarConverters.forType(raw);
            if (converter == null) {
                error = new ValidationError("model_attributes_type", LOC,
                        "Input should be a valid dictionary or object to extract fields from", text, null);
            } else {
                try {
                    Object v = converter.convert(text);
                    return optional ? Optional.of(v) : v;
                } catch (InvalidValue e) {
                    error = e.at(LOC, text);
                }
            }
        }
        request.addError(error);
        return null;
    }

    /** Jackson's reason without the Java class names it mentions. */
    static String reason(JacksonException e) {
        String m = String.valueOf(e.getOriginalMessage());
        int backtick = m.indexOf(" `");
        return backtick < 0 ? m : m.substring(0, backtick).strip();
    }

    static List<Object> locOf(List<Object> base, JacksonException e) {
        List<Object> loc = new ArrayList<>(base);
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
