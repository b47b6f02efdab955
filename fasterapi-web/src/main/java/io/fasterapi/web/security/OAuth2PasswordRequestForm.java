package io.fasterapi.web.security;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The login form of OAuth2's password flow, FastAPI's {@code OAuth2PasswordRequestForm}: take it as
 * a parameter of the route at the scheme's {@code tokenUrl}, and the framework reads it from the
 * {@code application/x-www-form-urlencoded} (or multipart) body: {@code username} and
 * {@code password} (required), {@code grant_type} (optional here; when sent it must be
 * {@code "password"}), {@code scope} (space-separated, default empty), {@code client_id} and
 * {@code client_secret} (optional). A missing field or a wrong {@code grant_type} answers FastAPI's
 * 422 ({@code "loc":["body","username"]}, {@code string_pattern_mismatch} for {@code ^password$}).
 * No registration is needed: every app knows how to build it (and
 * {@link OAuth2PasswordRequestFormStrict}, which requires {@code grant_type}).
 *
 * {@snippet :
 * @Post("/token")
 * public Token login(OAuth2PasswordRequestForm form, Pg pg) {
 *     User user = users.authenticate(pg, form.username(), form.password())
 *             .orElseThrow(() -> new HttpException(400, "Incorrect username or password"));
 *     return new Token(tokens.issue(user, form.scopes()), "bearer");
 * }
 * }
 *
 * <p>Immutable; {@link #toString()} masks the password and client secret.
 */
public class OAuth2PasswordRequestForm {
    private final String grantType;
    private final String username;
    private final String password;
    private final List<String> scopes;
    private final String clientId;
    private final String clientSecret;

    /**
     * A form as received: {@code scope} is split at whitespace into {@link #scopes()}; the
     * nullable fields are null when not sent.
     */
    public OAuth2PasswordRequestForm(String grantType, String username, String password, String scope,
                                     String clientId, String clientSecret) {
        this.grantType = grantType;
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
        this.scopes = scope == null || scope.isBlank() ? List.of() : List.of(scope.strip().split("\\s+"));
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** {@code grant_type}: {@code "password"}, or null when the client left it out. */
    public String grantType() {
        return grantType;
    }

    /** {@code username}. */
    public String username() {
        return username;
    }

    /** {@code password}. */
    public String password() {
        return password;
    }

    /** The scopes requested in {@code scope}, in order ({@code "items:read me"} gives two). */
    public List<String> scopes() {
        return scopes;
    }

    /** {@code client_id}, or null. */
    public String clientId() {
        return clientId;
    }

    /** {@code client_secret}, or null. */
    public String clientSecret() {
        return clientSecret;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[grantType=" + grantType + ", username=" + username
                + ", password=***, scopes=" + Arrays.toString(scopes.toArray()) + ", clientId=" + clientId
                + ", clientSecret=" + (clientSecret == null ? null : "***") + "]";
    }
}
