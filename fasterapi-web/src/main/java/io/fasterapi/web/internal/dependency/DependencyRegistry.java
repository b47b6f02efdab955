package io.fasterapi.web.internal.dependency;

import io.fasterapi.web.internal.model.ParameterModel;
import io.fasterapi.core.LongLived;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
    }

    /** Overrides the factory of {@code type}, for tests. */
    public void override(Class<?> type, DependencyFactory factory) {
        overrides.put(type, factory);
    }

    /** Removes every override. */
    public void clearOverrides() {
        overrides.clear();
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
