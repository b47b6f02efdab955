package io.fasterapi.web.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The OAuth2 scopes required at a point of a handler's dependency tree, FastAPI's
 * {@code SecurityScopes}: take it as a parameter of a dependency factory (a {@code provideFrom}
 * method) to learn which scopes the handler and the dependencies between it and this factory
 * declared with {@link io.fasterapi.web.Security @Security}, outermost first, without duplicates.
 *
 * {@snippet :
 * public CurrentUser currentUser(SecurityScopes required, BearerToken token) {
 *     Claims claims = verify(token);
 *     for (String scope : required.scopes()) {
 *         if (!claims.scopes().contains(scope)) {
 *             throw new HttpException(401, "Not enough permissions",
 *                     Map.of("WWW-Authenticate", "Bearer scope=\"" + required.scopeStr() + "\""));
 *         }
 *     }
 *     return new CurrentUser(claims.subject());
 * }
 * }
 *
 * <p>Immutable.
 */
public final class SecurityScopes {
    /** No scopes required. */
    public static final SecurityScopes NONE = new SecurityScopes(List.of());

    private final List<String> scopes;
    private final String scopeStr;
    private final Set<String> asSet;

    private SecurityScopes(List<String> scopes) {
        this.scopes = scopes;
        this.scopeStr = String.join(" ", scopes);
        this.asSet = new TreeSet<>(scopes);
    }

    /** The scopes {@code scopes}, in order, duplicates dropped. */
    public static SecurityScopes of(List<String> scopes) {
        return NONE.plus(scopes);
    }

    /** These scopes followed by those of {@code more} not already here (FastAPI's order). */
    public SecurityScopes plus(List<String> more) {
        List<String> all = new ArrayList<>(scopes);
        for (String s : more) {
            if (!all.contains(Objects.requireNonNull(s, "scope"))) {
                all.add(s);
            }
        }
        return all.size() == scopes.size() ? this : new SecurityScopes(List.copyOf(all));
    }

    /** The scopes, outermost first. */
    public List<String> scopes() {
        return scopes;
    }

    /** The scopes separated by spaces, as OAuth2 writes them ({@code "items me"}); FastAPI's {@code scope_str}. */
    public String scopeStr() {
        return scopeStr;
    }

    /** Whether both hold the same scopes, in any order (how a request's dependency cache compares them). */
    public boolean sameSetAs(SecurityScopes other) {
        return this == other || asSet.equals(other.asSet);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecurityScopes other && scopes.equals(other.scopes);
    }

    @Override
    public int hashCode() {
        return scopes.hashCode();
    }

    @Override
    public String toString() {
        return "SecurityScopes" + scopes;
    }
}
