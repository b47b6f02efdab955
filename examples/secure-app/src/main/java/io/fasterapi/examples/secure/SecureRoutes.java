package io.fasterapi.examples.secure;

import io.fasterapi.pg.Pg;
import io.fasterapi.web.Get;
import io.fasterapi.web.HttpException;
import io.fasterapi.web.Post;
import io.fasterapi.web.Security;
import io.fasterapi.web.security.OAuth2PasswordRequestForm;
import java.util.List;
import java.util.Map;

/** FastAPI's "OAuth2 scopes" tutorial app, in Java, with its users in PostgreSQL. */
public final class SecureRoutes {
    private final UserStore users;
    private final PasswordHasher hasher;
    private final TokenService tokens;

    public SecureRoutes(UserStore users, PasswordHasher hasher, TokenService tokens) {
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
    }

    /**
     * The password flow's token endpoint: checks the password and issues a token granting the
     * requested scopes that the user's role allows. A wrong user name or password are refused
     * alike, and take alike long.
     */
    @Post("/token")
    public Token login(OAuth2PasswordRequestForm form, Pg pg) {
        UserStore.StoredUser user = users.find(pg, form.username()).orElse(null);
        boolean ok;
        if (user == null) {
            hasher.verifyDummy(form.password());
            ok = false;
        } else {
            ok = hasher.verify(form.password(), user.passwordHash());
        }
        if (!ok) {
            throw new HttpException(400, "Incorrect username or password");
        }
        return new Token(tokens.issue(user.username(), Roles.grant(user.role(), form.scopes())), "bearer");
    }

    /** The current user (scope {@code me}). */
    @Get("/users/me")
    public User me(ActiveUser user) {
        return user.user();
    }

    /** The current user's items (scopes {@code items} and {@code me}). */
    @Get("/users/me/items")
    public List<OwnedItem> myItems(@Security(scopes = "items") ActiveUser user) {
        return List.of(new OwnedItem("Foo", user.user().username()));
    }

    /** Every user (scopes {@code users:read} and {@code me}: admins only). */
    @Get("/users")
    public List<User> allUsers(@Security(scopes = "users:read") ActiveUser user, Pg pg) {
        return users.list(pg);
    }

    /** Any valid token, whatever its scopes. */
    @Get("/status")
    public Map<String, String> status(CurrentUser user) {
        return Map.of("status", "ok");
    }
}
