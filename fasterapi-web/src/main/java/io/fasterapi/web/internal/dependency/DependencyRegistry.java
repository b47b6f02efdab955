package io.fasterapi.web.internal.dependency;

import io.fasterapi.web.Request;
import io.fasterapi.web.internal.model.ParamSource;
import io.fasterapi.web.internal.model.ParameterModel;
import io.fasterapi.web.security.SecurityScheme;
import io.fasterapi.core.LongLived;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The dependency factories of an app, by key: a type, or a {@linkplain #key(String, Class) named}
 * type when two values share one ({@code @Named("replica") PgPool}). {@code provide} registrations
 * (one per key: a second is refused, naming the fix), test {@code override}s (which win), and the
 * app-wide instances ({@code provideInstance}) that no request may close. Built-in factories
 * ({@link #provideDefault}) give way to the user's. Read on every request from any thread; written
 * at configuration time (overrides also while running, for tests), hence the concurrent maps.
 */
public final class DependencyRegistry {
    private static final Object[] NONE = {};

    /** A named key: {@code name} and {@code type}; one canonical instance each (request scopes compare keys by identity). */
    private record Named(String name, Class<?> type) {
        @Override
        public String toString() {
            return type.getName() + " named \"" + name + "\"";
        }
    }

    private final Map<Object, DependencyFactory> provided = new ConcurrentHashMap<>();
    private final Set<Object> defaults = ConcurrentHashMap.newKeySet(); // built-in, replaceable by a provide
    private final Map<Object, DependencyFactory> overrides = new ConcurrentHashMap<>();
    private final Map<Named, Named> names = new ConcurrentHashMap<>();
    private volatile Object[] appWide = NONE; // few: scanned by identity, copied on write
    private final Map<Object, Boolean> usesScopes = new ConcurrentHashMap<>(); // forgotten on every (re)registration

    /** The key of {@code type} named {@code name}; {@code type} itself for a null or empty name. */
    public Object key(String name, Class<?> type) {
        if (name == null || name.isEmpty()) {
            return type;
        }
        Named n = new Named(name, type);
        Named known = names.putIfAbsent(n, n);
        return known == null ? n : known;
    }

    /** Registers {@code instance} as the app-wide value of {@code key}: every request gets it, none closes it. */
    public void provideInstance(Object key, Object instance) {
        provide(key, request -> instance);
        addAppWide(instance);
    }

    /**
     * Registers the instance a lifespan resource opened as the app-wide value of {@code key},
     * replacing the placeholder registered with the resource (and the instance of an earlier start).
     */
    public void openedInstance(Object key, Object instance) {
        provided.put(key, request -> instance);
        usesScopes.clear();
        addAppWide(instance);
    }

    private void addAppWide(Object instance) {
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

    /**
     * Registers the factory of {@code key}. A key has one factory: a second registration is refused
     * (the second would otherwise silently win), unless the first was a built-in default.
     */
    public void provide(Object key, DependencyFactory factory) {
        DependencyFactory before = provided.putIfAbsent(key, factory);
        if (before != null) {
            if (!defaults.remove(key)) {
                throw new IllegalArgumentException("a dependency of " + describe(key) + " is already registered;"
                        + " register one factory per type: replace it with app.override(...) (tests), or give each"
                        + " its own name with app.provide(\"name\", " + simpleName(key) + ".class, ...) and"
                        + " @Named(\"name\") on the parameter");
            }
            provided.put(key, factory);
        }
        usesScopes.clear();
    }

    /** Registers a built-in factory (background tasks, the OAuth2 forms), which a user's {@link #provide} replaces. */
    public void provideDefault(Class<?> type, DependencyFactory factory) {
        provided.put(type, factory);
        defaults.add(type);
        usesScopes.clear();
    }

    /**
     * As {@link #provideDefault(Class, DependencyFactory)}, with the factory built when first asked for:
     * most apps never use the built-in OAuth2 forms, whose factories take milliseconds of a start to build.
     */
    public void provideDefault(Class<?> type, Supplier<DependencyFactory> factory) {
        provideDefault(type, new BuiltOnFirstUse(factory));
    }

    /** A factory built on first use, once, then asked for everything. */
    private static final class BuiltOnFirstUse implements DependencyFactory {
        private final Supplier<DependencyFactory> build;
        private volatile DependencyFactory built;

        BuiltOnFirstUse(Supplier<DependencyFactory> build) {
            this.build = build;
        }

        private DependencyFactory built() {
            DependencyFactory f = built;
            if (f == null) {
                synchronized (this) {
                    f = built;
                    if (f == null) {
                        f = Objects.requireNonNull(build.get(), "factory");
                        built = f;
                    }
                }
            }
            return f;
        }

        @Override
        public Object create(Request request) throws Exception {
            return built().create(request);
        }

        @Override
        public List<ParameterModel> parameters() {
            return built().parameters();
        }

        @Override
        public boolean async() {
            return built().async();
        }

        @Override
        public String blocksBecause() {
            return built().blocksBecause();
        }

        @Override
        public SecurityScheme<?> securityScheme() {
            return built().securityScheme();
        }
    }

    /** Overrides the factory of {@code key}, for tests; returns the override it replaced, or null. */
    public DependencyFactory override(Object key, DependencyFactory factory) {
        DependencyFactory before = overrides.put(key, factory);
        usesScopes.clear();
        return before;
    }

    /**
     * Puts back {@code previous} (null: no override) as the override of {@code key}, provided the
     * current one is still {@code current}: scoped overrides end in reverse order of their start.
     */
    public void restoreOverride(Object key, DependencyFactory current, DependencyFactory previous) {
        boolean restored = previous == null ? overrides.remove(key, current) : overrides.replace(key, current, previous);
        usesScopes.clear();
        if (!restored) {
            throw new IllegalStateException("the override of " + describe(key) + " was replaced or cleared"
                    + " while a scoped override was open; close scoped overrides in reverse order of opening");
        }
    }

    /** Removes every override. */
    public void clearOverrides() {
        overrides.clear();
        usesScopes.clear();
    }

    private static String describe(Object key) {
        return key instanceof Class<?> c ? "type " + c.getName() : key.toString();
    }

    private static String simpleName(Object key) {
        return key instanceof Class<?> c ? c.getSimpleName() : ((Named) key).type().getSimpleName();
    }

    /**
     * Whether the value of {@code type} depends on the OAuth2 scopes required on the way to it, so a
     * request caches it per set of scopes (FastAPI's {@code _uses_scopes}): its factory is a security
     * scheme, takes {@code SecurityScopes}, declares scopes on a dependency, or has a dependency
     * that does any of these. Worked out once per type (per registration) from the factories' plans.
     */
    public boolean usesScopes(Object type) {
        Boolean known = usesScopes.get(type);
        if (known == null) {
            known = usesScopes(type, new HashSet<>());
            usesScopes.put(type, known);
        }
        return known;
    }

    private boolean usesScopes(Object type, Set<Object> visiting) {
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
            if (p.source() == ParamSource.DEPENDENCY && usesScopes(p.rawType(), visiting)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why a handler on the event loop (one returning a {@code Future}) must not take these
     * parameters and app or router dependencies: the first whose factory, or a factory it depends on,
     * {@linkplain DependencyFactory#blocksBecause blocks}, with the reason; null when none is known to.
     */
    public String blockingDependency(List<ParameterModel> parameters, List<Class<?>> shared) {
        for (Class<?> type : shared) {
            String why = blocksBecause(type, new HashSet<>());
            if (why != null) {
                return "its dependency " + type.getSimpleName() + " " + why;
            }
        }
        for (ParameterModel p : parameters) {
            if (p.source() == ParamSource.DEPENDENCY) {
                Class<?> type = p.rawType();
                String why = blocksBecause(type, new HashSet<>());
                if (why != null) {
                    return "its parameter '" + p.name() + "' of type " + type.getSimpleName() + " " + why;
                }
            }
        }
        return null;
    }

    private String blocksBecause(Object key, Set<Object> visiting) {
        if (!isRegistered(key) || !visiting.add(key)) {
            return null;
        }
        DependencyFactory f = factory(key);
        if (f.async()) {
            return null;
        }
        if (f.blocksBecause() != null) {
            return f.blocksBecause();
        }
        for (ParameterModel p : f.parameters()) {
            if (p.source() == ParamSource.DEPENDENCY) {
                Class<?> inner = p.rawType();
                String why = blocksBecause(inner, visiting);
                if (why != null) {
                    return "takes " + inner.getSimpleName() + ", which " + why;
                }
            }
        }
        return null;
    }

    /** Whether {@code type} has a factory. */
    public boolean isRegistered(Object type) {
        return provided.containsKey(type) || overrides.containsKey(type);
    }

    /** The parameters the factory of {@code type} binds (see {@link DependencyFactory#parameters}); none when unregistered. */
    public List<ParameterModel> parametersOf(Object type) {
        return isRegistered(type) ? factory(type).parameters() : List.of();
    }

    /**
     * The parameters the registered factory of {@code type} binds, overrides aside: what the OpenAPI document
     * shows (FastAPI documents a route's declared dependencies; {@code dependency_overrides} change requests,
     * not the document). None when no factory is registered.
     */
    public List<ParameterModel> declaredParametersOf(Object type) {
        DependencyFactory f = provided.get(type);
        return f == null ? List.of() : f.parameters();
    }

    /**
     * The security scheme the registered factory of {@code type} is, overrides aside (see
     * {@link #declaredParametersOf}); null for any other factory, or none.
     */
    public SecurityScheme<?> declaredSecuritySchemeOf(Object type) {
        DependencyFactory f = provided.get(type);
        return f == null ? null : f.securityScheme();
    }

    /** The factory of {@code type}; throws when none is registered. */
    public DependencyFactory factory(Object type) {
        DependencyFactory f = overrides.get(type);
        if (f == null) {
            f = provided.get(type);
        }
        if (f == null) {
            throw new IllegalStateException("no dependency registered for " + describe(type)
                    + "; register one with app.provide(" + simpleName(type) + ".class, ...)");
        }
        return f;
    }
}
