package io.fasterapi.web;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a lambda route declares about itself beyond its handler, as FastAPI's path-operation
 * decorator arguments do ({@code summary=}, {@code tags=}, {@code response_model=},
 * {@code responses=}...): its documentation in OpenAPI and the model its answer is written through.
 * Immutable; each {@code with...} method returns a copy.
 *
 * {@snippet :
 * app.get("/items/{id}", req -> lookup(req.pathParam("id")),
 *         RouteInfo.none().withSummary("Read an item").withTags("items")
 *                 .withResponseModel(Item.class)
 *                 .withResponse(404, Message.class, "Item not found"));
 * }
 *
 * <p>Annotated route methods say the same with annotations on the method; {@link #none()} is what a
 * route that declares nothing has.
 */
public final class RouteInfo {
    private static final RouteInfo NONE = new RouteInfo(null, null, null, List.of(), false, true, null,
            false, false, List.of(), null);

    /**
     * A response a route declares besides its success answer (FastAPI's {@code responses=}).
     *
     * @param status the HTTP status
     * @param model the body's type, or {@code null} for a response without a body schema
     * @param description what the response means
     */
    public record DeclaredResponse(int status, Type model, String description) {
        public DeclaredResponse {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("status " + status + " is not an HTTP status");
            }
            Objects.requireNonNull(description, "description");
        }
    }

    private final String summary;
    private final String description;
    private final String operationId;
    private final List<String> tags;
    private final boolean deprecated;
    private final boolean includeInSchema;
    private final Type responseModel;
    private final boolean responseModelExcludeNone;
    private final boolean responseModelExcludeUnset;
    private final List<DeclaredResponse> responses;
    private final String responseMediaType;

    private RouteInfo(String summary, String description, String operationId, List<String> tags, boolean deprecated,
                      boolean includeInSchema, Type responseModel, boolean responseModelExcludeNone,
                      boolean responseModelExcludeUnset, List<DeclaredResponse> responses, String responseMediaType) {
        this.summary = summary;
        this.description = description;
        this.operationId = operationId;
        this.tags = List.copyOf(tags);
        this.deprecated = deprecated;
        this.includeInSchema = includeInSchema;
        this.responseModel = responseModel;
        this.responseModelExcludeNone = responseModelExcludeNone;
        this.responseModelExcludeUnset = responseModelExcludeUnset;
        this.responses = List.copyOf(responses);
        this.responseMediaType = responseMediaType;
    }

    /** A route that declares nothing: the starting point of the {@code with...} calls. */
    public static RouteInfo none() {
        return NONE;
    }

    /** The operation's one-line summary in OpenAPI (FastAPI's {@code summary=}). */
    public RouteInfo withSummary(String summary) {
        return new RouteInfo(Objects.requireNonNull(summary, "summary"), description, operationId, tags, deprecated,
                includeInSchema, responseModel, responseModelExcludeNone, responseModelExcludeUnset, responses,
                responseMediaType);
    }

    /** The operation's longer description in OpenAPI, Markdown allowed (FastAPI's {@code description=}). */
    public RouteInfo withDescription(String description) {
        return new RouteInfo(summary, Objects.requireNonNull(description, "description"), operationId, tags,
                deprecated, includeInSchema, responseModel, responseModelExcludeNone, responseModelExcludeUnset,
                responses, responseMediaType);
    }

    /** The operation's {@code operationId} in OpenAPI, unique in the app (FastAPI's {@code operation_id=}). */
    public RouteInfo withOperationId(String operationId) {
        return new RouteInfo(summary, description, Objects.requireNonNull(operationId, "operationId"), tags,
                deprecated, includeInSchema, responseModel, responseModelExcludeNone, responseModelExcludeUnset,
                responses, responseMediaType);
    }

    /** Tags that group the operation in OpenAPI and Swagger UI, added to its router's (FastAPI's {@code tags=}). */
    public RouteInfo withTags(String... tags) {
        List<String> all = new ArrayList<>(this.tags);
        all.addAll(List.of(tags));
        return new RouteInfo(summary, description, operationId, all, deprecated, includeInSchema, responseModel,
                responseModelExcludeNone, responseModelExcludeUnset, responses, responseMediaType);
    }

    /** Marks the operation deprecated in OpenAPI; it is still served (FastAPI's {@code deprecated=True}). */
    public RouteInfo withDeprecated() {
        return new RouteInfo(summary, description, operationId, tags, true, includeInSchema, responseModel,
                responseModelExcludeNone, responseModelExcludeUnset, responses, responseMediaType);
    }

    /** Leaves the operation out of OpenAPI; it is still served (FastAPI's {@code include_in_schema=False}). */
    public RouteInfo withoutSchema() {
        return new RouteInfo(summary, description, operationId, tags, deprecated, false, responseModel,
                responseModelExcludeNone, responseModelExcludeUnset, responses, responseMediaType);
    }

    /**
     * The type the handler's result is written through (FastAPI's {@code response_model=}): only the
     * properties this type declares leave the server, and OpenAPI documents this type. Give a
     * {@link java.lang.reflect.ParameterizedType} for {@code List<Item>}.
     */
    public RouteInfo withResponseModel(Type model) {
        return new RouteInfo(summary, description, operationId, tags, deprecated, includeInSchema,
                Objects.requireNonNull(model, "model"), responseModelExcludeNone, responseModelExcludeUnset,
                responses, responseMediaType);
    }

    /** Leaves out of the answer the properties whose value is null (FastAPI's {@code response_model_exclude_none=True}). */
    public RouteInfo withResponseModelExcludeNone() {
        return new RouteInfo(summary, description, operationId, tags, deprecated, includeInSchema, responseModel,
                true, responseModelExcludeUnset, responses, responseMediaType);
    }

    /**
     * Leaves out of the answer the properties that were never set (FastAPI's
     * {@code response_model_exclude_unset=True}).
     */
    public RouteInfo withResponseModelExcludeUnset() {
        return new RouteInfo(summary, description, operationId, tags, deprecated, includeInSchema, responseModel,
                responseModelExcludeNone, true, responses, responseMediaType);
    }

    /** Declares a further response (FastAPI's {@code responses={404: {"model": Message}}}), documented in OpenAPI. */
    public RouteInfo withResponse(int status, Type model, String meaning) {
        List<DeclaredResponse> all = new ArrayList<>(responses);
        all.add(new DeclaredResponse(status, model, meaning));
        return new RouteInfo(summary, description, operationId, tags, deprecated, includeInSchema, responseModel,
                responseModelExcludeNone, responseModelExcludeUnset, all, responseMediaType);
    }

    /**
     * The media type of the success response (FastAPI's {@code response_class=}'s media type):
     * {@code "text/plain"} answers a returned {@code String} as text, as
     * {@code response_class=PlainTextResponse} does, where it would otherwise be a JSON string;
     * {@code "text/html"} as HTML. A returned {@code String} or {@code byte[]} is sent with this
     * {@code Content-Type} ({@code ; charset=utf-8} added to a {@code text/*} type that names none, as
     * Starlette does) unless the type is JSON; a returned {@link Response} keeps its own. OpenAPI
     * documents it, with a {@code {"type": "string"}} schema unless it is JSON ({@code "text/csv"} for a
     * {@link PgResponses#copyOut} download).
     */
    public RouteInfo withResponseMediaType(String mediaType) {
        return new RouteInfo(summary, description, operationId, tags, deprecated, includeInSchema, responseModel,
                responseModelExcludeNone, responseModelExcludeUnset, responses,
                Objects.requireNonNull(mediaType, "mediaType"));
    }

    /** The summary, or {@code null} when none was declared. */
    public String summary() {
        return summary;
    }

    /** The description, or {@code null} when none was declared. */
    public String description() {
        return description;
    }

    /** The operationId, or {@code null} when none was declared. */
    public String operationId() {
        return operationId;
    }

    /** The tags declared on the route itself. */
    public List<String> tags() {
        return tags;
    }

    /** Whether the operation is documented as deprecated. */
    public boolean deprecated() {
        return deprecated;
    }

    /** Whether the operation appears in OpenAPI. */
    public boolean includeInSchema() {
        return includeInSchema;
    }

    /** The declared response model, or {@code null} when the route declares none. */
    public Type responseModel() {
        return responseModel;
    }

    /** Whether null properties are left out of the answer. */
    public boolean responseModelExcludeNone() {
        return responseModelExcludeNone;
    }

    /** Whether unset properties are left out of the answer. */
    public boolean responseModelExcludeUnset() {
        return responseModelExcludeUnset;
    }

    /** The further responses declared, in declaration order. */
    public List<DeclaredResponse> responses() {
        return responses;
    }

    /** The success response's media type, or {@code null} when it follows from the handler's return type. */
    public String responseMediaType() {
        return responseMediaType;
    }
}
