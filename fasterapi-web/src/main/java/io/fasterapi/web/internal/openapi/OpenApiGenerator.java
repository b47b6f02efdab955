package io.fasterapi.web.internal.openapi;

import io.fasterapi.web.EventStream;
import io.fasterapi.web.Response;
import io.fasterapi.web.RouteInfo;
import io.fasterapi.web.internal.json.JsonBodyChecker;
import io.fasterapi.web.internal.json.JsonCodec;
import io.fasterapi.web.internal.json.JsonMapping;
import io.fasterapi.web.internal.model.ParameterModel;
import io.fasterapi.web.internal.json.ResponseModels;
import io.fasterapi.web.internal.model.RouteModel;
import io.fasterapi.web.internal.redaction.SecretRedactor;
import io.fasterapi.web.security.SecurityScheme;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Builds the OpenAPI 3.1 document of an app from its compiled routes, the way FastAPI's
 * {@code get_openapi} does, listing routes in registration order (those left out of the schema
 * skipped): one operation per route with its metadata (tags, summary, description, operationId,
 * deprecated; see {@link io.fasterapi.web.RouteInfo}), its path, query, header and cookie parameters
 * ({@link OperationParameters}), its request body (JSON; a streamed one: binary, of the declared media
 * type; or form fields as an object schema {@code Body_<operationId>} under
 * {@code multipart/form-data} when a field takes a file, {@code format: binary}, else
 * {@code application/x-www-form-urlencoded}), its success response
 * (status from {@code @Status}, media type declared or from the return type), the responses it
 * declares and, when it binds anything and declares no 422, the 422 {@code HTTPValidationError}
 * response; named schemas under {@code components/schemas}, their properties named by the app's
 * JSON naming policy as its bodies and answers are ({@link JsonSchemas}), the security schemes its dependencies
 * reach ({@link OperationSecurity}), then the described tags. Every string is passed through
 * {@link SecretRedactor}, so a DSN that ended up in a default value is published without its password.
 *
 * <p>Runs once, when the server starts; the result is immutable bytes served as they are.
 */
public final class OpenApiGenerator {
    private static final Logger log = LoggerFactory.getLogger(OpenApiGenerator.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern REST_VARIABLE = Pattern.compile("\\{(\\w+):path}");
    private static final String LAMBDA_PREFIX = "lambda "; // RouteCompiler's handlerName of lambda routes
    private static final String JSON = "application/json";

    private final JsonSchemas schemas;
    private final Set<String> operationIds = new HashSet<>();
    private final OperationParameters parameters;
    private final OperationSecurity security; // securitySchemes and per-operation security: see that class
    private boolean validationErrorsUsed;

    private OpenApiGenerator(Function<Class<?>, List<ParameterModel>> dependencyParameters,
                             Function<Class<?>, SecurityScheme<?>> securitySchemes, JsonMapping json) {
        this.schemas = new JsonSchemas(json);
        this.parameters = new OperationParameters(schemas, dependencyParameters);
        this.security = new OperationSecurity(dependencyParameters, securitySchemes);
    }

    /**
     * The document of {@code routes} as JSON bytes; {@code dependencyParameters} gives the
     * parameters the factory of a dependency type binds.
     */
    public static byte[] generate(List<RouteModel> routes, OpenApiInfo info,
                                  Function<Class<?>, List<ParameterModel>> dependencyParameters) {
        return generate(routes, info, List.of(), dependencyParameters);
    }

    /** The document of {@code routes} with the top-level {@code tags} list, as JSON bytes. */
    public static byte[] generate(List<RouteModel> routes, OpenApiInfo info, List<OpenApiTag> tags,
                                  Function<Class<?>, List<ParameterModel>> dependencyParameters) {
        return generate(routes, info, tags, dependencyParameters, type -> null);
    }

    /**
     * The document of {@code routes} as JSON bytes; {@code securitySchemes} gives the security
     * scheme the factory of a dependency type is (or null).
     */
    public static byte[] generate(List<RouteModel> routes, OpenApiInfo info, List<OpenApiTag> tags,
                                  Function<Class<?>, List<ParameterModel>> dependencyParameters,
                                  Function<Class<?>, SecurityScheme<?>> securitySchemes) {
        return generate(routes, info, tags, dependencyParameters, securitySchemes, JsonMapping.DECLARED);
    }

    /**
     * The document of {@code routes} as JSON bytes, its schemas' properties named as {@code json}
     * (the app's) names them.
     */
    public static byte[] generate(List<RouteModel> routes, OpenApiInfo info, List<OpenApiTag> tags,
                                  Function<Class<?>, List<ParameterModel>> dependencyParameters,
                                  Function<Class<?>, SecurityScheme<?>> securitySchemes, JsonMapping json) {
        return JsonCodec.mapper().writeValueAsBytes(
                new OpenApiGenerator(dependencyParameters, securitySchemes, json).build(routes, info, tags));
    }

    /** The document of {@code routes} as a tree. */
    public static ObjectNode document(List<RouteModel> routes, OpenApiInfo info, List<OpenApiTag> tags,
                                      Function<Class<?>, List<ParameterModel>> dependencyParameters) {
        return document(routes, info, tags, dependencyParameters, type -> null);
    }

    /** The document of {@code routes} as a tree, with the security schemes of their dependencies. */
    public static ObjectNode document(List<RouteModel> routes, OpenApiInfo info, List<OpenApiTag> tags,
                                      Function<Class<?>, List<ParameterModel>> dependencyParameters,
                                      Function<Class<?>, SecurityScheme<?>> securitySchemes) {
        return new OpenApiGenerator(dependencyParameters, securitySchemes, JsonMapping.DECLARED)
                .build(routes, info, tags);
    }

    private ObjectNode build(List<RouteModel> routes, OpenApiInfo info, List<OpenApiTag> tags) {
        ObjectNode doc = NODES.objectNode().put("openapi", "3.1.0");
        ObjectNode infoNode = doc.putObject("info").put("title", info.title()).put("version", info.version());
        if (info.description() != null) {
            infoNode.put("description", info.description());
        }
        ObjectNode paths = doc.putObject("paths");
        for (RouteModel route : routes) {
            if (!route.info().includeInSchema()) {
                continue;
            }
            String path = REST_VARIABLE.matcher(route.template()).replaceAll("{$1}");
            ObjectNode pathItem = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
            pathItem.set(route.method().toLowerCase(Locale.ROOT), security.addTo(operation(route, path), route));
        }
        if (validationErrorsUsed) {
            ValidationErrorSchemas.addTo(schemas);
        }
        ObjectNode components = schemas.components();
        security.markPasswordFields(components);
        ObjectNode securitySchemes = security.definitions();
        if (!components.isEmpty() || !securitySchemes.isEmpty()) {
            ObjectNode node = doc.putObject("components");
            if (!components.isEmpty()) {
                node.set("schemas", components);
            }
            if (!securitySchemes.isEmpty()) {
                node.set("securitySchemes", securitySchemes);
            }
        }
        if (!tags.isEmpty()) {
            ArrayNode list = doc.putArray("tags");
            for (OpenApiTag tag : tags) {
                ObjectNode node = list.addObject().put("name", tag.name());
                if (tag.description() != null) {
                    node.put("description", tag.description());
                }
            }
        }
        return (ObjectNode) redact(doc);
    }

    /** FastAPI's operation: metadata, parameters, request body, then responses. */
    private ObjectNode operation(RouteModel route, String path) {
        ObjectNode op = NODES.objectNode();
        String operationId = metadata(route, path, op);
        ArrayNode parameterList = NODES.arrayNode();
        List<ParameterModel> formFields = new ArrayList<>();
        boolean validates = false;
        for (ParameterModel p : parameters.flatten(route)) {
            switch (p.source()) {
                case PATH, QUERY, HEADER, COOKIE -> {
                    parameterList.add(parameters.parameter(p));
                    validates = true;
                }
                case BODY -> {
                    if (!op.has("requestBody")) {
                        op.set("requestBody", requestBody(p));
                    }
                    validates |= !p.streamsBody();
                }
                case FORM -> {
                    formFields.add(p);
                    validates = true;
                }
                default -> {
                }
            }
        }
        if (!formFields.isEmpty() && !op.has("requestBody")) {
            op.set("requestBody", parameters.formBody(formFields, operationId));
        }
        OperationParameters.addUndeclaredPathVariables(route, path, parameterList);
        if (!parameterList.isEmpty()) {
            op.set("parameters", parameterList);
        }
        ObjectNode responses = op.putObject("responses");
        responses.set(Integer.toString(route.status()), successResponse(route));
        addDeclaredResponses(route, responses);
        if (validates && !responses.has("422") && !responses.has("4XX") && !responses.has("default")) {
            responses.set("422", ValidationErrorSchemas.response());
            validationErrorsUsed = true;
        }
        return op;
    }

    /**
     * FastAPI's {@code get_openapi_operation_metadata}: tags (the router's, then the route's own),
     * summary (declared, else the handler's name as words; a lambda route's from its method and path),
     * description, operationId (declared, else FastAPI's generated one) and {@code deprecated}.
     * Returns the operation id.
     */
    private String metadata(RouteModel route, String path, ObjectNode op) {
        RouteInfo info = route.info();
        Set<String> tagSet = new LinkedHashSet<>(route.tags());
        tagSet.addAll(info.tags());
        if (!tagSet.isEmpty()) {
            ArrayNode tags = op.putArray("tags");
            tagSet.forEach(tags::add);
        }
        boolean lambda = route.handlerName().startsWith(LAMBDA_PREFIX);
        String javaName = route.handlerName().substring(route.handlerName().lastIndexOf('.') + 1);
        String summary = info.summary() != null ? info.summary()
                : lambda ? Names.lambdaSummary(route.method(), path) : Names.title(javaName);
        op.put("summary", summary);
        if (info.description() != null) {
            op.put("description", info.description());
        }
        String operationId;
        if (info.operationId() != null) {
            operationId = info.operationId(); // the author's: kept as written, as FastAPI keeps operation_id=
            if (!operationIds.add(operationId)) {
                log.warn("Duplicate Operation ID {} for {} {}: generated clients will clash", operationId,
                        route.method(), path); // FastAPI warns alike
            }
        } else {
            operationId = uniqueOperationId(lambda
                    ? (route.method() + path).toLowerCase(Locale.ROOT).replaceAll("\\W", "_")
                    : Names.operationId(javaName, path, route.method()));
        }
        op.put("operationId", operationId);
        if (info.deprecated()) {
            op.put("deprecated", true);
        }
        return operationId;
    }

    /**
     * FastAPI's {@code responses=}: each declared status merged into the operation's responses (a
     * declared success status refines the success response); a model's body documented as JSON, the
     * media type {@link io.fasterapi.web.HttpException} answers with; an empty description is the
     * status's reason phrase, or "Additional Response", as FastAPI's.
     */
    private void addDeclaredResponses(RouteModel route, ObjectNode responses) {
        for (RouteInfo.DeclaredResponse declared : route.info().responses()) {
            String status = Integer.toString(declared.status());
            ObjectNode response = responses.has(status) ? (ObjectNode) responses.get(status) : NODES.objectNode();
            String description = declared.description().isEmpty() ? reasonPhrase(declared.status())
                    : declared.description();
            response.put("description", description);
            if (declared.model() != null) {
                ObjectNode content = NODES.objectNode();
                content.putObject(JSON).set("schema", schemas.schema(declared.model(), List.of()));
                response.set("content", content);
            }
            responses.set(status, response);
        }
    }

    private ObjectNode requestBody(ParameterModel body) {
        ObjectNode node = NODES.objectNode();
        if (body.streamsBody()) { // any bytes, read as they arrive
            String mediaType = body.mediaType() != null ? body.mediaType() : "application/octet-stream";
            node.putObject("content").putObject(mediaType).putObject("schema").put("type", "string")
                    .put("format", "binary");
            return node.put("required", true);
        }
        node.putObject("content").putObject("application/json").set("schema",
                schemas.schema(body.type(), body.constraints()));
        return node.put("required", body.required());
    }

    /**
     * The success response: its body's media type and schema from the declared media type, else the
     * declared response model, else the handler's return type (FastAPI's {@code response_class} and
     * {@code response_model}); no body for 204, 304 and {@code void}.
     */
    private ObjectNode successResponse(RouteModel route) {
        ObjectNode response = NODES.objectNode().put("description", "Successful Response");
        RouteInfo info = route.info();
        Type type = info.responseModel() != null ? info.responseModel()
                : ResponseModels.unwrapAsync(route.returnType());
        Class<?> raw = JsonBodyChecker.rawClass(type);
        if (route.status() == 204 || route.status() == 304 || raw == void.class || raw == Void.class) {
            return response;
        }
        ObjectNode content = response.putObject("content");
        String mediaType = info.responseMediaType();
        if (mediaType != null && !ResponseModels.isJson(mediaType)) {
            ObjectNode schema = content.putObject(mediaType).putObject("schema").put("type", "string");
            if (raw == byte[].class || Flow.Publisher.class.isAssignableFrom(raw)) {
                schema.put("format", "binary");
            }
        } else if (mediaType != null && (raw == Response.class || raw == Object.class)) {
            content.putObject(mediaType).putObject("schema");
        } else if (mediaType != null) {
            content.putObject(mediaType).set("schema", schemas.schema(type, List.of()));
        } else if (raw == EventStream.class) {
            content.putObject("text/event-stream").putObject("schema").put("type", "string");
        } else if (raw == byte[].class || Flow.Publisher.class.isAssignableFrom(raw)) {
            content.putObject("application/octet-stream").putObject("schema").put("type", "string")
                    .put("format", "binary");
        } else if (raw == Response.class || raw == Object.class) {
            content.putObject("application/json").putObject("schema"); // decided at run time
        } else {
            content.putObject("application/json").set("schema", schemas.schema(type, List.of()));
        }
        return response;
    }

    /** The status's reason phrase ("Not Found"), or FastAPI's "Additional Response" for a status it does not know. */
    private static String reasonPhrase(int status) {
        String phrase = HttpResponseStatus.valueOf(status).reasonPhrase();
        return phrase.endsWith("(" + status + ")") ? "Additional Response" : phrase; // Netty's name of an unknown one
    }

    private String uniqueOperationId(String candidate) {
        String id = candidate;
        for (int i = 2; !operationIds.add(id); i++) {
            id = candidate + "_" + i;
        }
        return id;
    }

    private static JsonNode redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                object.set(name, redact(object.get(name)));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, redact(array.get(i)));
            }
            return array;
        }
        if (node.isString()) {
            String text = node.asString();
            String masked = SecretRedactor.redact(text);
            return masked.equals(text) ? node : StringNode.valueOf(masked);
        }
        return node;
    }
}
