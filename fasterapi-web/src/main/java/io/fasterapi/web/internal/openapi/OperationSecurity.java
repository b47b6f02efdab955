package io.fasterapi.web.internal.openapi;

import io.fasterapi.web.internal.json.JsonBodyChecker;
import io.fasterapi.web.internal.json.JsonCodec;
import io.fasterapi.web.internal.model.ParamSource;
import io.fasterapi.web.internal.model.ParameterModel;
import io.fasterapi.web.internal.model.RouteModel;
import io.fasterapi.web.security.OAuth2PasswordRequestForm;
import io.fasterapi.web.security.SecurityScheme;
import io.fasterapi.web.security.SecurityScopes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The security part of the OpenAPI document, as FastAPI's {@code _get_openapi_dependency_data} and
 * {@code _get_openapi_security_definitions} make it: walking each route's dependencies depth first,
 * every security scheme reached adds its Security Scheme Object to {@code components.securitySchemes}
 * (keyed by its scheme name) and its requirement to the operation's {@code security}, with the
 * OAuth2 scopes required on the way to it ({@code @Security} parameters, outermost first); a scheme
 * reached several times lists the union of its scopes once. The form body of a route taking an
 * {@code OAuth2PasswordRequestForm} marks {@code password} and {@code client_secret}
 * {@code "format": "password"}, as FastAPI's {@code json_schema_extra} does (its strict form does
 * not), so Swagger UI masks them.
 *
 * <p>One instance per document; not thread-safe (document generation runs once, at startup).
 */
final class OperationSecurity {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> AFTER_SECURITY = List.of("parameters", "requestBody", "responses");

    private final Function<Class<?>, List<ParameterModel>> dependencyParameters;
    private final Function<Class<?>, SecurityScheme<?>> schemes;
    private final ObjectNode definitions = NODES.objectNode();
    private final Set<String> passwordForms = new LinkedHashSet<>(); // body schemas of OAuth2PasswordRequestForm routes

    OperationSecurity(Function<Class<?>, List<ParameterModel>> dependencyParameters,
                      Function<Class<?>, SecurityScheme<?>> schemes) {
        this.dependencyParameters = dependencyParameters;
        this.schemes = schemes;
    }

    /**
     * {@code operation} with the route's {@code security} requirements, placed where FastAPI puts
     * them (after the operation's metadata, before its parameters); {@code operation} itself when
     * the route reaches no scheme.
     */
    ObjectNode addTo(ObjectNode operation, RouteModel route) {
        notePasswordForm(operation, route.parameters(), new HashSet<>());
        List<ParameterModel> reached = new ArrayList<>();
        for (Class<?> shared : route.sharedDependencies()) { // the app's dependencies guard it too
            reached.add(new ParameterModel(shared.getSimpleName(), ParamSource.DEPENDENCY, shared, false, null,
                    List.of()));
        }
        reached.addAll(route.parameters());
        Map<String, LinkedHashSet<String>> requirements = new LinkedHashMap<>();
        walk(reached, SecurityScopes.NONE, new HashSet<>(), requirements);
        if (requirements.isEmpty()) {
            return operation;
        }
        addNotAuthenticated(operation);
        ArrayNode security = NODES.arrayNode();
        requirements.forEach((name, scopes) -> {
            ArrayNode list = security.addObject().putArray(name);
            scopes.forEach(list::add);
        });
        ObjectNode out = NODES.objectNode();
        boolean placed = false;
        for (String field : new ArrayList<>(operation.propertyNames())) {
            if (!placed && AFTER_SECURITY.contains(field)) {
                out.set("security", security);
                placed = true;
            }
            out.set(field, operation.get(field));
        }
        if (!placed) {
            out.set("security", security);
        }
        return out;
    }

    /**
     * The 401 a scheme answers when credentials are missing or malformed ({@code {"detail": "Not
     * authenticated"}} with its {@code WWW-Authenticate}), documented unless the route declares its
     * own 401, so that generated clients type that answer rather than treating it as unknown. FastAPI
     * leaves it out; the issue that brought the security utilities asks for it.
     */
    private static void addNotAuthenticated(ObjectNode operation) {
        if (!(operation.get("responses") instanceof ObjectNode responses) || responses.has("401")) {
            return;
        }
        ObjectNode schema = NODES.objectNode().put("type", "object").put("title", "HTTPError");
        schema.putObject("properties").putObject("detail").put("type", "string").put("title", "Detail");
        schema.putArray("required").add("detail");
        ObjectNode unauthorized = NODES.objectNode().put("description", "Not authenticated");
        unauthorized.putObject("content").putObject("application/json").set("schema", schema);
        ObjectNode ordered = NODES.objectNode();
        boolean placed = false;
        for (String status : new ArrayList<>(responses.propertyNames())) {
            if (!placed && !status.startsWith("2") && status.compareTo("401") > 0) {
                ordered.set("401", unauthorized);
                placed = true;
            }
            ordered.set(status, responses.get(status));
        }
        if (!placed) {
            ordered.set("401", unauthorized);
        }
        operation.set("responses", ordered);
    }

    /** Marks the password fields of the password forms' body schemas among {@code schemas} (the components). */
    void markPasswordFields(ObjectNode schemas) {
        for (String name : passwordForms) {
            if (schemas.path(name).path("properties") instanceof ObjectNode properties) {
                for (String field : List.of("password", "client_secret")) {
                    if (properties.get(field) instanceof ObjectNode property) {
                        property.put("format", "password");
                    }
                }
            }
        }
    }

    private void notePasswordForm(ObjectNode operation, List<ParameterModel> params, Set<Class<?>> seen) {
        for (ParameterModel p : params) {
            if (p.source() != ParamSource.DEPENDENCY || !seen.add(JsonBodyChecker.rawClass(p.type()))) {
                continue;
            }
            Class<?> type = JsonBodyChecker.rawClass(p.type());
            if (type == OAuth2PasswordRequestForm.class) {
                for (JsonNode media : operation.path("requestBody").path("content")) {
                    String ref = media.path("schema").path("$ref").asString("");
                    if (!ref.isEmpty()) {
                        passwordForms.add(ref.substring(ref.lastIndexOf('/') + 1));
                    }
                }
            }
            notePasswordForm(operation, dependencyParameters.apply(type), seen);
        }
    }

    /** {@code components.securitySchemes}: every scheme some operation requires, by name; empty when none. */
    ObjectNode definitions() {
        return definitions;
    }

    private void walk(List<ParameterModel> params, SecurityScopes parent, Set<String> visited,
                      Map<String, LinkedHashSet<String>> requirements) {
        for (ParameterModel p : params) {
            if (p.source() != ParamSource.DEPENDENCY) {
                continue;
            }
            Class<?> type = JsonBodyChecker.rawClass(p.type());
            SecurityScopes scopes = parent.plus(p.scopes());
            if (!visited.add(type.getName() + " " + scopes.scopeStr())) {
                continue;
            }
            SecurityScheme<?> scheme = schemes.apply(type);
            if (scheme != null) {
                definitions.set(scheme.schemeName(), JsonCodec.mapper().valueToTree(scheme.openApi()));
                requirements.computeIfAbsent(scheme.schemeName(), k -> new LinkedHashSet<>()).addAll(scopes.scopes());
            }
            walk(dependencyParameters.apply(type), scopes, visited, requirements);
        }
    }
}
