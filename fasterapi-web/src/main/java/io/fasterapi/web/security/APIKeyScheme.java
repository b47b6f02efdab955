package io.fasterapi.web.security;

import io.fasterapi.web.Request;
import java.util.Map;
import java.util.Objects;

/**
 * What FastAPI's three API-key schemes share ({@code APIKeyBase}): a named key read from one place of
 * the request, 401 with {@code WWW-Authenticate: APIKey} (or {@code null}) when it is missing or empty,
 * and {@code {"type":"apiKey","in":...,"name":...}} in OpenAPI. The subclasses say where the key is read.
 */
abstract sealed class APIKeyScheme extends SecurityScheme<APIKey> permits APIKeyHeader, APIKeyQuery, APIKeyCookie {
    private final String name;
    private final String in;

    APIKeyScheme(String schemeName, String description, boolean autoError, String name, String in) {
        super(schemeName, description, autoError);
        this.name = Objects.requireNonNull(name, "name");
        this.in = in;
    }

    /** The key's name: a header's, a query parameter's or a cookie's. */
    public final String name() {
        return name;
    }

    /** The key as the request carries it, or null. */
    abstract String read(Request request);

    @Override
    public final APIKey provide(Request request) {
        String key = read(request);
        if (key == null || key.isEmpty()) {
            if (autoError()) {
                throw notAuthenticated("APIKey");
            }
            return null;
        }
        return new APIKey(key);
    }

    @Override
    public final Map<String, Object> openApi() {
        Map<String, Object> m = openApiBase("apiKey");
        m.put("in", in);
        m.put("name", name);
        return m;
    }
}
