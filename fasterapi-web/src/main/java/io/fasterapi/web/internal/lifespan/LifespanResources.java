package io.fasterapi.web.internal.lifespan;

import io.fasterapi.web.Lifespan;
import io.fasterapi.web.internal.dependency.DependencyRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's lifespan resources: registered at configuration time (so binding sees their types as
 * dependencies), opened in order by {@link #openAll} when the server starts, closed in reverse by
 * {@link #closeAll} when it stops. Opened and closed by the thread starting or stopping the server;
 * requests read the opened instances through the dependency registry.
 */
public final class LifespanResources implements Lifespan.Resources {
    private static final Logger log = LoggerFactory.getLogger(LifespanResources.class);

    private record Registration(Class<?> type, Lifespan.Opener<?> opener) {
    }

    private final DependencyRegistry dependencies;
    private final List<Registration> registrations = new ArrayList<>();
    private final Map<Class<?>, Object> opened = new LinkedHashMap<>();

    public LifespanResources(DependencyRegistry dependencies) {
        this.dependencies = dependencies;
    }

    /** Registers a resource of {@code type}; a request before it is opened gets a clear error. */
    public void register(Class<?> type, Lifespan.Opener<?> opener) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(opener, "opener");
        for (Registration r : registrations) {
            if (r.type() == type) {
                throw new IllegalArgumentException("a lifespan resource of type " + type.getName()
                        + " is already registered");
            }
        }
        dependencies.provide(type, request -> { // refused when the type has a factory already
            throw new IllegalStateException("the lifespan resource " + type.getSimpleName()
                    + " is open only while the server runs");
        });
        registrations.add(new Registration(type, opener));
    }

    /** Opens every resource in registration order; on a failure closes those opened and throws. */
    public void openAll() {
        for (Registration r : registrations) {
            Object resource;
            try {
                resource = r.opener().open(this);
            } catch (Exception | Error e) {
                closeAll();
                throw new IllegalStateException("opening the lifespan resource " + r.type().getSimpleName()
                        + " failed: " + e.getMessage(), e);
            }
            if (!r.type().isInstance(resource)) {
                closeAll();
                throw new IllegalStateException("the opener of the lifespan resource " + r.type().getSimpleName()
                        + " returned " + (resource == null ? "null" : "a " + resource.getClass().getName()));
            }
            opened.put(r.type(), resource);
            dependencies.openedInstance(r.type(), resource);
        }
    }

    /** Closes the opened resources in reverse order; failures are logged, and the others still closed. */
    public void closeAll() {
        List<Map.Entry<Class<?>, Object>> open = new ArrayList<>(opened.entrySet());
        opened.clear();
        for (int i = open.size() - 1; i >= 0; i--) {
            if (open.get(i).getValue() instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception | Error e) {
                    log.error("closing the lifespan resource {} failed", open.get(i).getKey().getSimpleName(), e);
                }
            }
        }
    }

    @Override
    public <T> T get(Class<T> type) {
        Object resource = opened.get(type);
        if (resource == null) {
            throw new IllegalStateException("no lifespan resource of type " + type.getName()
                    + " is open yet: register it with app.lifespan before the one that needs it");
        }
        return type.cast(resource);
    }
}
