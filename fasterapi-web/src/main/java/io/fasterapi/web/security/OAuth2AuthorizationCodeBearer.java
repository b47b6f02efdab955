package io.fasterapi.web.security;

import io.fasterapi.web.Request;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * OAuth2's authorization-code flow with bearer tokens, FastAPI's
 * {@code OAuth2AuthorizationCodeBearer}: the client obtains a token from an authorization server
 * ({@link #authorizationUrl()}, then {@link #tokenUrl()}) and sends it as
 * {@code Authorization: Bearer <token>}; this scheme gives that token as a {@link BearerToken}.
 *
 * {@snippet :
 * app.provide(BearerToken.class, OAuth2AuthorizationCodeBearer.urls("https://idp.example/authorize",
 *         "https://idp.example/token").scopes(Map.of("read", "Read access")));
 * }
 *
 * <p>Answers as {@link OAuth2PasswordBearer}: 401 {@code {"detail":"Not authenticated"}} with
 * {@code WWW-Authenticate: Bearer} (FastAPI 0.141), or {@code null} with
 * {@link #autoError(boolean) autoError(false)}. Published as
 * {@code {"type":"oauth2","flows":{"authorizationCode":{"scopes":...,"authorizationUrl":...,"tokenUrl":...}}}}.
 * Immutable.
 */
public final class OAuth2AuthorizationCodeBearer extends SecurityScheme<BearerToken> {
    private final String authorizationUrl;
    private final String tokenUrl;
    private final String refreshUrl;
    private final Map<String, String> scopes;

    private OAuth2AuthorizationCodeBearer(String schemeName, String description, boolean autoError,
                                          String authorizationUrl, String tokenUrl, String refreshUrl,
                                          Map<String, String> scopes) {
        super(schemeName, description, autoError);
        this.authorizationUrl = Objects.requireNonNull(authorizationUrl, "authorizationUrl");
        this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl");
        this.refreshUrl = refreshUrl;
        this.scopes = scopes;
    }

    /** The scheme whose users authorize at {@code authorizationUrl} and whose tokens come from {@code tokenUrl}. */
    public static OAuth2AuthorizationCodeBearer urls(String authorizationUrl, String tokenUrl) {
        return new OAuth2AuthorizationCodeBearer("OAuth2AuthorizationCodeBearer", null, true, authorizationUrl,
                tokenUrl, null, Map.of());
    }

    /** The same scheme offering {@code scopes} (name to description; iteration order is kept in OpenAPI). */
    public OAuth2AuthorizationCodeBearer scopes(Map<String, String> scopes) {
        return new OAuth2AuthorizationCodeBearer(schemeName(), description(), autoError(), authorizationUrl, tokenUrl,
                refreshUrl, Collections.unmodifiableMap(new LinkedHashMap<>(scopes)));
    }

    /** The same scheme with a URL to refresh tokens at. */
    public OAuth2AuthorizationCodeBearer refreshUrl(String refreshUrl) {
        return new OAuth2AuthorizationCodeBearer(schemeName(), description(), autoError(), authorizationUrl, tokenUrl,
                refreshUrl, scopes);
    }

    /** The same scheme under another name in OpenAPI. */
    public OAuth2AuthorizationCodeBearer schemeName(String name) {
        return new OAuth2AuthorizationCodeBearer(name, description(), autoError(), authorizationUrl, tokenUrl,
                refreshUrl, scopes);
    }

    /** The same scheme with a description in OpenAPI. */
    public OAuth2AuthorizationCodeBearer description(String description) {
        return new OAuth2AuthorizationCodeBearer(schemeName(), description, autoError(), authorizationUrl, tokenUrl,
                refreshUrl, scopes);
    }

    /** The same scheme answering missing credentials with 401 ({@code true}) or {@code null} ({@code false}). */
    public OAuth2AuthorizationCodeBearer autoError(boolean autoError) {
        return new OAuth2AuthorizationCodeBearer(schemeName(), description(), autoError, authorizationUrl, tokenUrl,
                refreshUrl, scopes);
    }

    /** Where users authorize the client. */
    public String authorizationUrl() {
        return authorizationUrl;
    }

    /** Where tokens are obtained. */
    public String tokenUrl() {
        return tokenUrl;
    }

    @Override
    public BearerToken provide(Request request) {
        return bearerToken(request);
    }

    @Override
    public Map<String, Object> openApi() {
        Map<String, Object> flow = new LinkedHashMap<>();
        if (refreshUrl != null) {
            flow.put("refreshUrl", refreshUrl);
        }
        flow.put("scopes", scopes);
        flow.put("authorizationUrl", authorizationUrl);
        flow.put("tokenUrl", tokenUrl);
        Map<String, Object> m = openApiBase("oauth2");
        m.put("flows", Map.of("authorizationCode", flow));
        return m;
    }
}
