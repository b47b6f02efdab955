package io.fasterapi.web.security;

import io.fasterapi.web.Request;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
public final class APIKeyQuery extends SecurityScheme<APIKey> {
    private final String name;

    private APIKeyQuery(String schemeName, String description, boolean autoError, String name) {
        super(schemeName, description, autoError);
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The scheme reading the query parameter {@code name}, named {@code "APIKeyQuery"} in OpenAPI. */
    public static APIKeyQuery named(String name) {
        return new APIKeyQuery("APIKeyQuery", null, true, name);
    }

    /** The same scheme under another name in OpenAPI. */
    public APIKeyQuery schemeName(String schemeName) {
        return new APIKeyQuery(schemeName, description(), autoError(), name);
    }

    /** The same scheme with a description in OpenAPI. */
    public APIKeyQuery description(String description) {
        return new APIKeyQuery(schemeName(), description, autoError(), name);
    }

    /** The same scheme answering a missing key with 401 ({@code true}) or {@code null} ({@code false}). */
    public APIKeyQuery autoError(boolean autoError) {
        return new APIKeyQuery(schemeName(), description(), autoError, name);
    }

    /** The query parameter's name. */
    public String name() {
        return name;
    }

    @Override
    public APIKey provide(Request request) {
        String key = lastQueryValue(request);
        if (key == null || key.isEmpty()) {
            if (autoError()) {
                throw notAuthenticated("APIKey");
            }
            return null;
        }
        return new APIKey(key);
    }

    private String lastQueryValue(Request request) {
        List<String> values = request.queryAll(name);
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    @Override
    public Map<String, Object> openApi() {
        Map<String, Object> m = openApiBase("apiKey");
        m.put("in", "query");
        m.put("name", name);
        return m;
    }
}
