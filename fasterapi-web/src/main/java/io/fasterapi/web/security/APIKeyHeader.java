package io.fasterapi.web.security;

import io.fasterapi.web.Request;

/**
 * An API key in a header, FastAPI's {@code APIKeyHeader}: gives the header named {@link #name()}
 * as an {@link APIKey}. The header name is matched case-insensitively; the first value counts.
 *
 * {@snippet :
 * app.provide(APIKey.class, APIKeyHeader.named("X-API-Key"));
 * }
 *
 * <p>A missing or empty header answers 401 {@code {"detail":"Not authenticated"}} with
 * {@code WWW-Authenticate: APIKey}, as FastAPI 0.141 does (before 0.122 it answered 403), or gives
 * {@code null} with {@link #autoError(boolean) autoError(false)}. Published as
 * {@code {"type":"apiKey","in":"header","name":...}}. Two API-key schemes register for two types
 * with {@link #map}. Immutable.
 */
public final class APIKeyHeader extends APIKeyScheme {
    private APIKeyHeader(String schemeName, String description, boolean autoError, String name) {
        super(schemeName, description, autoError, name, "header");
    }

    /** The scheme reading the header {@code name}, named {@code "APIKeyHeader"} in OpenAPI. */
    public static APIKeyHeader named(String name) {
        return new APIKeyHeader("APIKeyHeader", null, true, name);
    }

    /** The same scheme under another name in OpenAPI. */
    public APIKeyHeader schemeName(String schemeName) {
        return new APIKeyHeader(schemeName, description(), autoError(), name());
    }

    /** The same scheme with a description in OpenAPI. */
    public APIKeyHeader description(String description) {
        return new APIKeyHeader(schemeName(), description, autoError(), name());
    }

    /** The same scheme answering a missing key with 401 ({@code true}) or {@code null} ({@code false}). */
    public APIKeyHeader autoError(boolean autoError) {
        return new APIKeyHeader(schemeName(), description(), autoError, name());
    }

    @Override
    String read(Request request) {
        return request.header(name());
    }
}
