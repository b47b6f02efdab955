package io.fasterapi.web.internal.openapi;

import io.fasterapi.web.Omittable;
import io.fasterapi.web.internal.convert.ScalarConverters;
import io.fasterapi.web.internal.json.JsonBodyChecker;
import io.fasterapi.web.internal.json.JsonMapping;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Java types as JSON Schema (draft 2020-12, as OpenAPI 3.1 uses it), shaped like pydantic's schemas
 * in FastAPI's documents: {@code int} is {@code {"type":"integer","format":"int32"}}, {@code UUID} a
 * string of format {@code uuid}, {@code Optional<T>}, {@code Omittable<T>} and {@code @Nullable T}
 * {@code anyOf} T and null, records, POJOs, interfaces (their accessors: a response model) and
 * enums are named schemas referenced from {@code components/schemas} (nested and recursive ones
 * too; {@code Page<Item>} is named {@code Page_Item_} as pydantic names {@code Page[Item]}); their
 * properties, {@code required} lists and titles use the JSON names of the app's naming policy, as
 * pydantic's schemas use the aliases ({@code by_alias}).
 *
 * <p>One instance builds one document; not thread-safe (used at startup only).
 */
final class JsonSchemas {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String REF_PREFIX = "#/components/schemas/";

    private final Map<String, ObjectNode> components = new TreeMap<>(); // FastAPI sorts them by name
    private final Map<Type, String> names = new HashMap<>();
    private final JsonMapping json;

    /** Schemas whose properties are named as {@code json}, the app's, names them. */
    JsonSchemas(JsonMapping json) {
        this.json = json;
    }

    /** The schema of a value of {@code type} carrying {@code constraints}. */
    ObjectNode schema(Type declared, List<Annotation> constraints) {
        return schema(declared, constraints, List.of());
    }

    /**
     * The schema of a value of {@code type} carrying {@code constraints}, whose elements (or
     * optional value) carry {@code elementConstraints}.
     */
    ObjectNode schema(Type declared, List<Annotation> constraints, List<Annotation> elementConstraints) {
        Type type = ResolvedTypes.resolve(declared, Map.of()); // one Type implementation, so equal types share a name
        Class<?> raw = JsonBodyChecker.rawClass(type);
        if (raw == Optional.class || raw == Omittable.class) {
            List<Annotation> all = new ArrayList<>(constraints);
            all.addAll(elementConstraints);
            return orNull(schema(JsonBodyChecker.typeArgument(type, 0), all));
        }
        ObjectNode schema = plain(type, raw, elementConstraints);
        if (!schema.has("$ref")) {
            ConstraintKeywords.apply(constraints, shapeOf(raw), schema);
        }
        return schema;
    }

    /** The named schemas referenced so far, sorted by name. */
    ObjectNode components() {
        ObjectNode node = NODES.objectNode();
        components.forEach(node::set);
        return node;
    }

    /** Adds a named schema written by hand (FastAPI's {@code HTTPValidationError}). */
    void addComponent(String name, ObjectNode schema) {
        components.put(name, schema);
    }

    /** A {@code $ref} to the named schema {@code name}. */
    static ObjectNode ref(String name) {
        return NODES.objectNode().put("$ref", REF_PREFIX + name);
    }

    private ObjectNode plain(Type type, Class<?> raw, List<Annotation> elementConstraints) {
        ObjectNode scalar = scalar(raw);
        if (scalar != null) {
            return scalar;
        }
        if (raw.isEnum()) {
            return ref(named(type, raw));
        }
        if (raw == byte[].class) {
            return NODES.objectNode().put("type", "string").put("contentEncoding", "base64");
        }
        if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
            Type element = raw.isArray() ? raw.getComponentType() : JsonBodyChecker.typeArgument(type, 0);
            ObjectNode array = NODES.objectNode().put("type", "array");
            array.set("items", schema(element, elementConstraints));
            if (Set.class.isAssignableFrom(raw)) {
                array.put("uniqueItems", true);
            }
            return array;
        }
        if (Map.class.isAssignableFrom(raw)) {
            ObjectNode map = NODES.objectNode().put("type", "object");
            map.set("additionalProperties", schema(JsonBodyChecker.typeArgument(type, 1), List.of()));
            return map;
        }
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw) || raw.isPrimitive()
                || raw.getName().startsWith("java.")) {
            return NODES.objectNode(); // any value: nothing more is known
        }
        return ref(named(type, raw));
    }

    private static ObjectNode scalar(Class<?> raw) {
        if (raw == String.class || raw == CharSequence.class || raw == char.class || raw == Character.class) {
            return typed("string", null);
        }
        if (raw == int.class || raw == Integer.class || raw == short.class || raw == Short.class
                || raw == byte.class || raw == Byte.class) {
            return typed("integer", "int32");
        }
        if (raw == long.class || raw == Long.class) {
            return typed("integer", "int64");
        }
        if (raw == BigInteger.class) {
            return typed("integer", null);
        }
        if (raw == double.class || raw == Double.class) {
            return typed("number", "double");
        }
        if (raw == float.class || raw == Float.class) {
            return typed("number", "float");
        }
        if (raw == BigDecimal.class) {
            return typed("number", null);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return typed("boolean", null);
        }
        return stringFormat(raw);
    }

    private static ObjectNode stringFormat(Class<?> raw) {
        String format;
        if (raw == UUID.class) {
            format = "uuid";
        } else if (raw == LocalDate.class) {
            format = "date";
        } else if (raw == LocalDateTime.class || raw == OffsetDateTime.class || raw == ZonedDateTime.class
                || raw == Instant.class) {
            format = "date-time";
        } else if (raw == LocalTime.class) {
            format = "time";
        } else if (raw == Duration.class) {
            format = "duration";
        } else if (raw == URI.class) {
            format = "uri";
        } else if (!raw.isEnum() && ScalarConverters.isScalar(raw)) {
            format = null; // read from text but of no standard format: a string is all we can say
        } else {
            return null;
        }
        return typed("string", format);
    }

    private static ObjectNode typed(String type, String format) {
        ObjectNode node = NODES.objectNode().put("type", type);
        if (format != null) {
            node.put("format", format);
        }
        return node;
    }

    private static ConstraintKeywords.Shape shapeOf(Class<?> raw) {
        if (raw == String.class || raw == CharSequence.class) {
            return ConstraintKeywords.Shape.STRING;
        }
        if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
            return ConstraintKeywords.Shape.ARRAY;
        }
        if (Map.class.isAssignableFrom(raw)) {
            return ConstraintKeywords.Shape.OBJECT;
        }
        return ConstraintKeywords.Shape.OTHER;
    }

    /** The component name of a record, POJO or enum, generating its schema on first use. */
    private String named(Type type, Class<?> raw) {
        String known = names.get(type);
        if (known != null) {
            return known;
        }
        String name = uniqueName(type, raw);
        names.put(type, name);
        components.put(name, NODES.objectNode()); // placeholder: a recursive reference finds the name
        components.put(name, raw.isEnum() ? enumSchema(raw, name) : objectSchema(type, raw, name));
        return name;
    }

    private ObjectNode enumSchema(Class<?> raw, String name) {
        // the constants' JSON values (@JsonProperty, @JsonValue), those the binding accepts
        var json = io.fasterapi.web.internal.convert.EnumValues.json(raw);
        ObjectNode schema = NODES.objectNode().put("type", json.stream().allMatch(n -> n.isIntegralNumber()) && !json.isEmpty()
                ? "integer" : "string");
        ArrayNode values = schema.putArray("enum");
        json.forEach(values::add);
        return schema.put("title", name);
    }

    private ObjectNode objectSchema(Type type, Class<?> raw, String name) {
        var bindings = ResolvedTypes.bindings(type);
        ObjectNode schema = NODES.objectNode();
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        for (ModelProperties.Property p : ModelProperties.of(raw, json)) {
            ObjectNode property = schema(ResolvedTypes.resolve(p.type(), bindings), p.constraints(),
                    p.elementConstraints());
            if (p.nullable()) {
                property = orNull(property);
            }
            if (!property.has("$ref")) {
                property.put("title", Names.title(p.name()));
            }
            properties.set(p.name(), property);
            if (p.required()) {
                required.add(p.name());
            }
        }
        schema.put("type", "object");
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        return schema.put("title", name);
    }

    // pydantic's T | None: anyOf the value's schema and null.
    private static ObjectNode orNull(ObjectNode schema) {
        ObjectNode nullable = NODES.objectNode();
        nullable.putArray("anyOf").add(schema).addObject().put("type", "null");
        return nullable;
    }

    private String uniqueName(Type type, Class<?> raw) {
        String simple = Names.componentName(type);
        if (!components.containsKey(simple)) {
            return simple;
        }
        // Two types share a simple name: the later one is named by its package too, as pydantic does.
        String qualified = (raw.getPackageName() + "." + simple).replace('.', '_');
        String candidate = qualified;
        for (int i = 2; components.containsKey(candidate); i++) {
            candidate = qualified + "_" + i;
        }
        return candidate;
    }
}
