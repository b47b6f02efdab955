package io.fasterapi.web.security;

import io.fasterapi.web.Request;
import java.util.List;

/**
 * An API key in a query parameter, FastAPI's {@code APIKeyQuery}: gives the query parameter named {@link #name()}
 * as an {@link APIKey}. Of repeated parameters the last counts, as in Starlette.
 *
 * {@snippet :
 * app.provide(APIKey.class, APIKeyQuery.named("api_key"));
 * }
 *
 * <p>A missing or empty query parameter answers 401 {@code {"detail":"Not authenticated"}} with
 * {@code WWW-Authenticate: APIKey}, as FastAPI 0.141 does (before 0.122 it answered 403), or gives
 * {@code null} with {@link #autoError(boolean) autoError(false)}. Published as
 * {@code {"type":"apiKey","in":"query","name":...}}. Two API-key schemes register for two types
 * with {@link #map}. Immutable.
 */
public final class APIKeyQuery extends APIKeyScheme {
    private APIKeyQuery(String schemeName, String description, boolean autoError, String name) {
        super(schemeName, description, autoError, name, "query");
    }

    /** The scheme reading the query parameter {@code name}, named {@code "APIKeyQuery"} in OpenAPI. */
    public static APIKeyQuery named(String name) {
        return new APIKeyQuery("APIKeyQuery", null, true, name);
    }

    /** The same scheme under another name in OpenAPI. */
    public APIKeyQuery schemeName(String schemeName) {
        return new APIKeyQuery(schemeName, description(), autoError(), name());
    }

    /** The same scheme with a description in OpenAPI. */
    public APIKeyQuery description(String description) {
        return new APIKeyQuery(schemeName(), description, autoError(), name());
    }

    /** The same scheme answering a missing key with 401 ({@code true}) or {@code null} ({@code false}). */
    public APIKeyQuery autoError(boolean autoError) {
        return new APIKeyQuery(schemeName(), description(), autoError, name());
    }

    @Override
    String read(Request request) {
        List<String> values = request.queryAll(name()); // of repeated parameters the last counts, as in Starlette
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }
}
