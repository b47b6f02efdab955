package io.fasterapi.web.security;

import io.fasterapi.web.Request;

/**
 * An API key in a cookie, FastAPI's {@code APIKeyCookie}: gives the cookie named {@link #name()}
 * as an {@link APIKey}. 
 *
 * {@snippet :
 * app.provide(APIKey.class, APIKeyCookie.named("session"));
 * }
 *
 * <p>A missing or empty cookie answers 401 {@code {"detail":"Not authenticated"}} with
 * {@code WWW-Authenticate: APIKey}, as FastAPI 0.141 does (before 0.122 it answered 403), or gives
 * {@code null} with {@link #autoError(boolean) autoError(false)}. Published as
 * {@code {"type":"apiKey","in":"cookie","name":...}}. Two API-key schemes register for two types
 * with {@link #map}. Immutable.
 */
public final class APIKeyCookie extends APIKeyScheme {
    private APIKeyCookie(String schemeName, String description, boolean autoError, String name) {
        super(schemeName, description, autoError, name, "cookie");
    }

    /** The scheme reading the cookie {@code name}, named {@code "APIKeyCookie"} in OpenAPI. */
    public static APIKeyCookie named(String name) {
        return new APIKeyCookie("APIKeyCookie", null, true, name);
    }

    /** The same scheme under another name in OpenAPI. */
    public APIKeyCookie schemeName(String schemeName) {
        return new APIKeyCookie(schemeName, description(), autoError(), name());
    }

    /** The same scheme with a description in OpenAPI. */
    public APIKeyCookie description(String description) {
        return new APIKeyCookie(schemeName(), description, autoError(), name());
    }

    /** The same scheme answering a missing key with 401 ({@code true}) or {@code null} ({@code false}). */
    public APIKeyCookie autoError(boolean autoError) {
        return new APIKeyCookie(schemeName(), description(), autoError, name());
    }

    @Override
    String read(Request request) {
        return request.cookie(name());
    }
}
