package io.fasterapi.web.internal.dependency;

import io.fasterapi.web.internal.json.JsonBodyChecker;
import io.fasterapi.web.internal.model.ParamSource;
import io.fasterapi.web.internal.model.ParameterModel;
import io.fasterapi.web.security.SecurityScheme;
import io.fasterapi.core.LongLived;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dependency factories of an app, by type: {@code provide} registrations and test
 * {@code override}s (which win), and the app-wide instances ({@code provideInstance}) that no
 * request may close. Read on every request from any thread; written at configuration time
 * (overrides also while running, for tests), hence the concurrent maps.
 */
public final class DependencyRegistry {
    private static final Object[] NONE = {};

    private final Map<Class<?>, DependencyFactory> provided = new ConcurrentHashMap<>();
    private final Map<Class<?>, DependencyFactory> overrides = new ConcurrentHashMap<>();
    private volatile Object[] appWide = NONE; // few: scanned by identity, copied on write
    private final Map<Class<?>, Boolean> usesScopes = new ConcurrentHashMap<>(); // forgotten on every (re)registration

    /** Registers {@code instance} as the app-wide value of {@code type}: every request gets it, none closes it. */
    public void provideInstance(Class<?> type, Object instance) {
        provide(type, request -> instance);
        Object[] now = appWide;
        Object[] next = Arrays.copyOf(now, now.length + 1);
        next[now.length] = instance;
        appWide = next;
    }

    /**
     * Whether {@code value} is an app-wide instance — registered with {@code provideInstance}, or
     * {@link LongLived} — whichever factory handed it to a request.
     */
    public boolean isAppWide(Object value) {
        if (value instanceof LongLived) {
            return true;
        }
        for (Object o : appWide) {
            if (o == value) {
                return true;
            }
        }
        return false;
    }

    /** Registers the factory of {@code type}, replacing an earlier one. */
    public void provide(Class<?> type, DependencyFactory factory) {
        provided.put(type, factory);
        usesScopes.clear();
    }

    /** Overrides the factory of {@code type}, for tests. */
    public void override(Class<?> type, DependencyFactory factory) {
        overrides.put(type, factory);
        usesScopes.clear();
    }

    /** Removes every override. */
    public void clearOverrides() {
        overrides.clear();
        usesScopes.clear();
    }

    /** The security scheme the factory of {@code type} is, or null (also when unregistered). */
    public SecurityScheme<?> securitySchemeOf(Class<?> type) {
        return isRegistered(type) ? factory(type).securityScheme() : null;
    }

    /**
     * Whether the value of {@code type} depends on the OAuth2 scopes required on the way to it, so a
     * request caches it per set of scopes (FastAPI's {@code _uses_scopes}): its factory is a security
     * scheme, takes {@code SecurityScopes}, declares scopes on a dependency, or has a dependency
     * that does any of these. Worked out once per type (per registration) from the factories' plans.
     */
    public boolean usesScopes(Class<?> type) {
        Boolean known = usesScopes.get(type);
        if (known == null) {
            known = usesScopes(type, new HashSet<>());
            usesScopes.put(type, known);
        }
        return known;
    }

    private boolean usesScopes(Class<?> type, Set<Class<?>> visiting) {
        if (!isRegistered(type) || !visiting.add(type)) {
            return false;
        }
        DependencyFactory f = factory(type);
        if (f.securityScheme() != null) {
            return true;
        }
        for (ParameterModel p : f.parameters()) {
            if (p.source() == ParamSource.SECURITY_SCOPES || !p.scopes().isEmpty()) {
                return true;
            }
            if (p.source() == ParamSource.DEPENDENCY && usesScopes(JsonBodyChecker.rawClass(p.type()), visiting)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code type} has a factory. */
    public boolean isRegistered(Class<?> type) {
        return provided.containsKey(type) || overrides.containsKey(type);
    }

    /** The parameters the factory of {@code type} binds (see {@link DependencyFactory#parameters}); none when unregistered. */
    public List<ParameterModel> parametersOf(Class<?> type) {
        return isRegistered(type) ? factory(type).parameters() : List.of();
    }

    /** The factory of {@code type}; throws when none is registered. */
    public DependencyFactory factory(Class<?> type) {
        DependencyFactory f = overrides.get(type);
        if (f == null) {
            f = provided.get(type);
        }
        if (f == null) {
            throw new IllegalStateException("no dependency registered for " + type.getName()
                    + "; register one with app.provide(" + type.getSimpleName() + ".class, ...)");
        }
        return f;
    }
}
