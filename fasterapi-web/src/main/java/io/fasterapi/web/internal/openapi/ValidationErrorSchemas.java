package io.fasterapi.web.internal.openapi;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * FastAPI's schemas of a 422 body, {@code HTTPValidationError} and {@code ValidationError}, written as
 * FastAPI writes them (with the {@code input} and {@code ctx} members our errors carry), so clients
 * generated from either framework's document read our errors alike.
 */
final class ValidationErrorSchemas {
    static final String HTTP_VALIDATION_ERROR = "HTTPValidationError";
    static final String VALIDATION_ERROR = "ValidationError";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ValidationErrorSchemas() {
    }

    /** Adds both schemas to {@code schemas}. */
    static void addTo(JsonSchemas schemas) {
        schemas.addComponent(HTTP_VALIDATION_ERROR, httpValidationError());
        schemas.addComponent(VALIDATION_ERROR, validationError());
    }

    /** The response object of a 422: {@code {"description":"Validation Error", content: HTTPValidationError}}. */
    static ObjectNode response() {
        ObjectNode response = NODES.objectNode().put("description", "Validation Error");
        response.putObject("content").putObject("application/json").set("schema",
                JsonSchemas.ref(HTTP_VALIDATION_ERROR));
        return response;
    }

    private static ObjectNode httpValidationError() {
        ObjectNode schema = NODES.objectNode();
        ObjectNode detail = schema.putObject("properties").putObject("detail");
        detail.set("items", JsonSchemas.ref(VALIDATION_ERROR));
        detail.put("type", "array").put("title", "Detail");
        return schema.put("type", "object").put("title", HTTP_VALIDATION_ERROR);
    }

    private static ObjectNode validationError() {
        ObjectNode schema = NODES.objectNode();
        ObjectNode properties = schema.putObject("properties");
        ObjectNode loc = properties.putObject("loc");
        ArrayNode anyOf = loc.putObject("items").putArray("anyOf");
        anyOf.addObject().put("type", "string");
        anyOf.addObject().put("type", "integer");
        loc.put("type", "array").put("title", "Location");
        properties.putObject("msg").put("type", "string").put("title", "Message");
        properties.putObject("type").put("type", "string").put("title", "Error Type");
        properties.putObject("input").put("title", "Input");
        properties.putObject("ctx").put("type", "object").put("title", "Context");
        schema.put("type", "object");
        schema.putArray("required").add("loc").add("msg").add("type");
        return schema.put("title", VALIDATION_ERROR);
    }
}
