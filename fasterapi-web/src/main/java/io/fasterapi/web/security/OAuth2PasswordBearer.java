package io.fasterapi.web.security;

import io.fasterapi.web.Request;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * OAuth2's password flow with bearer tokens, FastAPI's {@code OAuth2PasswordBearer}: the client
 * posts a user name and password to {@link #tokenUrl()} (a route taking an
 * {@link OAuth2PasswordRequestForm}) and sends the token it gets back as
 * {@code Authorization: Bearer <token>}; this scheme gives that token as a {@link BearerToken}.
 *
 * {@snippet :
 * app.provide(BearerToken.class, OAuth2PasswordBearer.tokenUrl("/token")
 *         .scopes(Map.of("me", "Read information about the current user.", "items", "Read items.")));
 * }
 *
 * <p>No {@code Authorization} header, or one whose scheme is not {@code Bearer} (in any case),
 * answers 401 {@code {"detail":"Not authenticated"}} with {@code WWW-Authenticate: Bearer}, as
 * FastAPI 0.141 does, or gives {@code null} with {@link #autoError(boolean) autoError(false)}.
 * Published in OpenAPI as {@code {"type":"oauth2","flows":{"password":{"scopes":{...},"tokenUrl":...}}}},
 * which makes Swagger UI's Authorize button show a login form. Immutable.
 */
public final class OAuth2PasswordBearer extends SecurityScheme<BearerToken> {
    private final String tokenUrl;
    private final Map<String, String> scopes;
    private final String refreshUrl;

    private OAuth2PasswordBearer(String schemeName, String description, boolean autoError, String tokenUrl,
                                 Map<String, String> scopes, String refreshUrl) {
        super(schemeName, description, autoError);
        this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl");
        this.scopes = scopes;
        this.refreshUrl = refreshUrl;
    }

    /** The scheme whose tokens are obtained at {@code tokenUrl} (relative to the page, as in FastAPI: {@code "token"} or {@code "/token"}). */
    public static OAuth2PasswordBearer tokenUrl(String tokenUrl) {
        return new OAuth2PasswordBearer("OAuth2PasswordBearer", null, true, tokenUrl, Map.of(), null);
    }

    /** The same scheme offering {@code scopes} (name to description; iteration order is kept in OpenAPI). */
    public OAuth2PasswordBearer scopes(Map<String, String> scopes) {
        Map<String, String> copy = Collections.unmodifiableMap(new LinkedHashMap<>(scopes));
        return new OAuth2PasswordBearer(schemeName(), description(), autoError(), tokenUrl, copy, refreshUrl);
    }

    /** The same scheme with a URL to refresh tokens at (published in OpenAPI). */
    public OAuth2PasswordBearer refreshUrl(String refreshUrl) {
        return new OAuth2PasswordBearer(schemeName(), description(), autoError(), tokenUrl, scopes, refreshUrl);
    }

    /** The same scheme under another name in OpenAPI (default {@code "OAuth2PasswordBearer"}). */
    public OAuth2PasswordBearer schemeName(String name) {
        return new OAuth2PasswordBearer(name, description(), autoError(), tokenUrl, scopes, refreshUrl);
    }

    /** The same scheme with a description in OpenAPI. */
    public OAuth2PasswordBearer description(String description) {
        return new OAuth2PasswordBearer(schemeName(), description, autoError(), tokenUrl, scopes, refreshUrl);
    }

    /** The same scheme answering missing credentials with 401 ({@code true}) or {@code null} ({@code false}). */
    public OAuth2PasswordBearer autoError(boolean autoError) {
        return new OAuth2PasswordBearer(schemeName(), description(), autoError, tokenUrl, scopes, refreshUrl);
    }

    /** Where tokens are obtained. */
    public String tokenUrl() {
        return tokenUrl;
    }

    /** The scopes offered, name to description. */
    public Map<String, String> scopes() {
        return scopes;
    }

    @Override
    public BearerToken provide(Request request) {
        return bearerToken(request);
    }

    @Override
    public Map<String, Object> openApi() {
        Map<String, Object> password = new LinkedHashMap<>();
        if (refreshUrl != null) {
            password.put("refreshUrl", refreshUrl);
        }
        password.put("scopes", scopes);
        password.put("tokenUrl", tokenUrl);
        Map<String, Object> m = openApiBase("oauth2");
        m.put("flows", Map.of("password", password));
        return m;
    }
}
