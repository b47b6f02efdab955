package io.fasterapi.web.security;

import io.fasterapi.web.HttpException;
import io.fasterapi.web.Provider;
import io.fasterapi.web.Request;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A way a client proves who it is, read from each request: FastAPI's {@code SecurityBase}. Register
 * one as the factory of its credentials' type ({@code app.provide(BearerToken.class, scheme)}); a
 * handler or dependency taking that type then receives the request's credentials, and the operation
 * documents the scheme in OpenAPI ({@link #openApi()} under {@link #schemeName()}).
 *
 * <p>Missing or malformed credentials answer 401 {@code {"detail":"Not authenticated"}} with the
 * scheme's {@code WWW-Authenticate} challenge; with {@link #autoError() autoError} off the value is
 * {@code null} instead (FastAPI's {@code auto_error=False}), so a handler can accept several
 * schemes or none. A scheme checks the form of the credentials, never their truth: verifying a
 * token or a password is the job of the dependency that takes them.
 *
 * <p>Immutable; its {@code with}-style methods return a changed copy. {@link #provide} runs on the
 * thread running the handler and reads nothing but the request's headers, query or cookies.
 *
 * @param <T> the credentials' type
 */
public abstract class SecurityScheme<T> implements Provider<T> {
    private final String schemeName;
    private final String description;
    private final boolean autoError;

    /** A scheme named {@code schemeName}, with a description (or null) and FastAPI's {@code auto_error}. */
    protected SecurityScheme(String schemeName, String description, boolean autoError) {
        this.schemeName = Objects.requireNonNull(schemeName, "schemeName");
        this.description = description;
        this.autoError = autoError;
    }

    /** The key of this scheme in {@code components.securitySchemes} and in operations' {@code security}. */
    public final String schemeName() {
        return schemeName;
    }

    /** The description published in OpenAPI, or null. */
    public final String description() {
        return description;
    }

    /** Whether missing credentials answer 401 (true, the default) or give {@code null} (false). */
    public final boolean autoError() {
        return autoError;
    }

    /**
     * The request's credentials; {@code null} when they are missing and {@link #autoError()} is off.
     *
     * @throws HttpException 401 when they are missing or malformed
     */
    @Override
    public abstract T provide(Request request);

    /**
     * The OpenAPI Security Scheme Object this scheme publishes, with FastAPI's fields in FastAPI's
     * order ({@code {"type":"http","scheme":"bearer"}}).
     */
    public abstract Map<String, Object> openApi();

    /**
     * The bearer token of the {@code Authorization} header, as FastAPI's OAuth2 bearers read it
     * ({@code get_authorization_scheme_param}, scheme {@code bearer} in any case); when it is missing
     * or another scheme: 401 with {@code WWW-Authenticate: Bearer}, or {@code null} without
     * {@link #autoError()}.
     */
    final BearerToken bearerToken(Request request) {
        String authorization = request.header("Authorization");
        String[] schemeParam = authorizationSchemeParam(authorization);
        if (authorization == null || authorization.isEmpty() || !schemeParam[0].equalsIgnoreCase("bearer")) {
            if (autoError()) {
                throw notAuthenticated("Bearer");
            }
            return null;
        }
        return new BearerToken(schemeParam[1]);
    }

    /**
     * The same scheme giving {@code mapper}'s result instead of the credentials ({@code null} stays
     * {@code null}): so that two schemes of one class (an API key in a header, another in a cookie)
     * can be registered for two types.
     */
    public final <R> SecurityScheme<R> map(Function<? super T, ? extends R> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        SecurityScheme<T> source = this;
        return new SecurityScheme<>(schemeName, description, autoError) {
            @Override
            public R provide(Request request) {
                T value = source.provide(request);
                return value == null ? null : mapper.apply(value);
            }

            @Override
            public Map<String, Object> openApi() {
                return source.openApi();
            }

            @Override
            public String toString() {
                return source + ".map(...)";
            }
        };
    }

    /** FastAPI's {@code make_not_authenticated_error}: 401 "Not authenticated" with {@code challenge}. */
    protected static HttpException notAuthenticated(String challenge) {
        return new HttpException(401, "Not authenticated", Map.of("WWW-Authenticate", challenge));
    }

    /** The start of {@link #openApi()}: {@code type}, then {@code description} when there is one. */
    protected final Map<String, Object> openApiBase(String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        if (description != null) {
            m.put("description", description);
        }
        return m;
    }

    /**
     * FastAPI's {@code get_authorization_scheme_param}: the {@code Authorization} value split at its
     * first space into the scheme and the (trimmed) rest; both empty when the header is absent.
     */
    static String[] authorizationSchemeParam(String authorization) {
        if (authorization == null || authorization.isEmpty()) {
            return new String[] {"", ""};
        }
        int space = authorization.indexOf(' ');
        return space < 0 ? new String[] {authorization, ""}
                : new String[] {authorization.substring(0, space), authorization.substring(space + 1).strip()};
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + schemeName + "]";
    }
}
