package io.fasterapi.web.internal.openapi;

import io.fasterapi.web.UploadFile;
import io.fasterapi.web.internal.convert.ScalarConverters;
import io.fasterapi.web.internal.convert.StringConverter;
import io.fasterapi.web.internal.errors.InvalidValue;
import io.fasterapi.web.internal.json.JsonBodyChecker;
import io.fasterapi.web.internal.json.JsonCodec;
import io.fasterapi.web.internal.model.ParamSource;
import io.fasterapi.web.internal.model.ParameterModel;
import io.fasterapi.web.internal.model.RouteModel;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An operation's inputs in the OpenAPI document, as FastAPI documents them: which parameters an
 * operation has (its own, then those its app's, router's and parameters' dependencies bind, each
 * {@code (in, name)} once: FastAPI's flattened dependant), each path, query, header or cookie
 * parameter with its schema, title and default, and form fields as the object schema
 * {@code Body_<operationId>}. Parameters keep the names their handler gives them; no JSON naming
 * policy renames them. One per document; startup only, not thread-safe.
 */
final class OperationParameters {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

    private final JsonSchemas schemas;
    private final Function<Class<?>, List<ParameterModel>> dependencyParameters;

    OperationParameters(JsonSchemas schemas, Function<Class<?>, List<ParameterModel>> dependencyParameters) {
        this.schemas = schemas;
        this.dependencyParameters = dependencyParameters;
    }

    /**
     * The route's own parameters, then those of its dependencies' factories, depth first, each
     * {@code (source, name)} kept once (FastAPI's flat dependant). A dependency's path parameter
     * the template lacks is left out: binding already refused such a route.
     */
    List<ParameterModel> flatten(RouteModel route) {
        List<ParameterModel> out = new ArrayList<>();
        addFlat(route.parameters(), route.sharedDependencies(), route.template(), out, new HashSet<>(),
                new HashSet<>());
        return out;
    }

    /**
     * {@code params} that are the request's, then those of {@code shared} dependencies (the app's and
     * router's, which FastAPI puts before the handler's own dependencies), then those of the
     * dependencies among {@code params}.
     */
    private void addFlat(List<ParameterModel> params, List<Class<?>> shared, String template,
                         List<ParameterModel> out, Set<String> seen, Set<Class<?>> expanded) {
        for (ParameterModel p : params) {
            if (p.source().location() != null && seen.add(p.source() + " " + p.name())
                    && (p.source() != ParamSource.PATH || template.contains("{" + p.name() + "}")
                    || template.contains("{" + p.name() + ":"))) {
                out.add(p);
            }
        }
        for (Class<?> type : shared) {
            if (expanded.add(type)) {
                addFlat(dependencyParameters.apply(type), List.of(), template, out, seen, expanded);
            }
        }
        for (ParameterModel p : params) {
            if (p.source() == ParamSource.DEPENDENCY) {
                Class<?> type = JsonBodyChecker.rawClass(p.type());
                if (expanded.add(type)) {
                    addFlat(dependencyParameters.apply(type), List.of(), template, out, seen, expanded);
                }
            }
        }
    }

    /** FastAPI's form body: a named object schema of the fields, files as binary strings. */
    ObjectNode formBody(List<ParameterModel> fields, String operationId) {
        String name = "Body_" + operationId;
        ObjectNode schema = NODES.objectNode();
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        boolean multipart = false;
        for (ParameterModel f : fields) {
            boolean file = isFile(f.type());
            multipart |= file;
            ObjectNode property = file ? fileSchema(f.type()) : schemas.schema(f.type(), f.constraints());
            if (!file && f.defaultValue() != null) {
                JsonNode value = defaultValue(f);
                if (value != null) {
                    property.set("default", value);
                }
            }
            if (!property.has("$ref")) {
                property.put("title", Names.title(f.name()));
            }
            properties.set(f.name(), property);
            if (f.required()) {
                required.add(f.name());
            }
        }
        schema.put("type", "object");
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("title", name);
        schemas.addComponent(name, schema);
        ObjectNode body = NODES.objectNode();
        body.putObject("content").putObject(multipart ? "multipart/form-data" : "application/x-www-form-urlencoded")
                .set("schema", JsonSchemas.ref(name));
        return body.put("required", !required.isEmpty());
    }

    private static boolean isFile(Type type) {
        Class<?> raw = JsonBodyChecker.rawClass(type);
        if (raw == Optional.class || Collection.class.isAssignableFrom(raw)) {
            raw = JsonBodyChecker.rawClass(JsonBodyChecker.typeArgument(type, 0));
        }
        return raw == UploadFile.class || raw == byte[].class;
    }

    private static ObjectNode fileSchema(Type type) {
        Class<?> raw = JsonBodyChecker.rawClass(type);
        ObjectNode binary = NODES.objectNode().put("type", "string").put("format", "binary");
        if (raw == Optional.class) {
            ObjectNode nullable = NODES.objectNode();
            nullable.putArray("anyOf").add(binary).addObject().put("type", "null");
            return nullable;
        }
        if (Collection.class.isAssignableFrom(raw)) {
            ObjectNode array = NODES.objectNode().put("type", "array");
            array.set("items", binary);
            return array;
        }
        return binary;
    }

    ObjectNode parameter(ParameterModel p) {
        ObjectNode node = NODES.objectNode().put("name", p.name())
                .put("in", p.source().location()).put("required", p.required());
        ObjectNode schema = schemas.schema(p.type(), p.constraints());
        if (p.defaultValue() != null) {
            JsonNode value = defaultValue(p);
            if (value != null) {
                schema.set("default", value);
            }
        }
        if (!schema.has("$ref")) {
            schema.put("title", Names.title(p.name()));
        }
        node.set("schema", schema);
        return node;
    }

    // A lambda route reads its path variables itself: they are documented as strings.
    static void addUndeclaredPathVariables(RouteModel route, String path, ArrayNode parameters) {
        Matcher m = VARIABLE.matcher(path);
        while (m.find()) {
            String name = m.group(1);
            boolean declared = route.parameters().stream()
                    .anyMatch(p -> p.source() == ParamSource.PATH && p.name().equals(name));
            if (!declared) {
                ObjectNode node = parameters.addObject().put("name", name).put("in", "path").put("required", true);
                node.putObject("schema").put("type", "string").put("title", Names.title(name));
            }
        }
    }

    /** The {@code @DefaultValue} text as the JSON value it converts to (50, not "50"). */
    private static JsonNode defaultValue(ParameterModel p) {
        Class<?> raw = JsonBodyChecker.rawClass(p.type());
        boolean wrapped = raw == Optional.class || Collection.class.isAssignableFrom(raw);
        Class<?> element = wrapped ? JsonBodyChecker.rawClass(JsonBodyChecker.typeArgument(p.type(), 0)) : raw;
        StringConverter converter = ScalarConverters.forType(element);
        if (converter == null) {
            return null;
        }
        try {
            Object value = converter.convert(p.defaultValue());
            JsonNode node = JsonCodec.mapper().valueToTree(value instanceof Enum<?> e ? e.name() : value);
            if (Collection.class.isAssignableFrom(raw)) {
                return NODES.arrayNode().add(node);
            }
            return node;
        } catch (InvalidValue e) {
            return null; // the binding compiler already refused such a default
        }
    }
}
