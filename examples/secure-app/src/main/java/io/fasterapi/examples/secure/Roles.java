package io.fasterapi.examples.secure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The scopes the app offers, and which of them each role may be granted. */
public final class Roles {
    /** Scope name to description, as Swagger UI's Authorize dialog lists them. */
    public static final Map<String, String> SCOPES = scopes();

    private Roles() {
    }

    private static Map<String, String> scopes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("me", "Read information about the current user.");
        m.put("items", "Read items.");
        m.put("users:read", "List every user (admins only).");
        return m;
    }

    /** The scopes {@code role} may be granted. */
    public static List<String> allowed(String role) {
        return switch (role) {
            case "admin" -> List.of("me", "items", "users:read");
            case "user" -> List.of("me", "items");
            default -> List.of();
        };
    }

    /** Of the {@code requested} scopes, those {@code role} may have, in request order. */
    public static List<String> grant(String role, List<String> requested) {
        List<String> allowed = allowed(role);
        return requested.stream().filter(allowed::contains).distinct().toList();
    }
}
