package io.fasterapi.examples.secure;

import io.fasterapi.pg.Pg;
import io.fasterapi.web.HttpException;
import io.fasterapi.web.security.BearerToken;
import io.fasterapi.web.security.SecurityScopes;
import java.util.Map;

/**
 * Makes the {@link CurrentUser} dependency: verifies the bearer token, checks that it grants every
 * scope the route requires on the way here ({@link SecurityScopes}), and loads the user. Any
 * failure is a 401 whose {@code WWW-Authenticate} names the required scopes, as in FastAPI's
 * "OAuth2 scopes" tutorial.
 */
public final class CurrentUserFactory {
    private final TokenService tokens;
    private final UserStore users;

    public CurrentUserFactory(TokenService tokens, UserStore users) {
        this.tokens = tokens;
        this.users = users;
    }

    /** The request's user; runs on the handler's virtual thread. */
    public CurrentUser currentUser(SecurityScopes required, BearerToken token, Pg pg) {
        String challenge = required.scopes().isEmpty() ? "Bearer" : "Bearer scope=\"" + required.scopeStr() + "\"";
        HttpException invalid = new HttpException(401, "Could not validate credentials",
                Map.of("WWW-Authenticate", challenge));
        TokenService.Claims claims = tokens.verify(token.token()).orElseThrow(() -> invalid);
        User user = users.find(pg, claims.username()).map(UserStore.StoredUser::user).orElseThrow(() -> invalid);
        for (String scope : required.scopes()) {
            if (!claims.scopes().contains(scope)) {
                throw new HttpException(401, "Not enough permissions", Map.of("WWW-Authenticate", challenge));
            }
        }
        return new CurrentUser(user);
    }
}
