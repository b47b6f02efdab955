package io.fasterapi.web.internal.dependency;

import io.fasterapi.web.AsyncProvider;
import io.fasterapi.web.Provider;
import io.fasterapi.web.Request;
import io.fasterapi.web.security.SecurityScheme;
import java.util.function.Supplier;

/**
 * Adapts the lambda forms a user may register a dependency in to {@link DependencyFactory} (a method
 * of an object, {@code provideFrom}, is the binding layer's {@code FactoryMethod}).
 */
public final class DependencyFactories {
    private DependencyFactories() {
    }

    /** A factory calling {@code supplier}. */
    public static DependencyFactory of(Supplier<?> supplier) {
        return request -> supplier.get();
    }

    /** A factory calling {@code provider} with the request; a {@link SecurityScheme} says so, for OpenAPI. */
    public static DependencyFactory of(Provider<?> provider) {
        if (provider instanceof SecurityScheme<?> scheme) {
            return new DependencyFactory() {
                @Override
                public Object create(Request request) {
                    return scheme.provide(request);
                }

                @Override
                public SecurityScheme<?> securityScheme() {
                    return scheme;
                }
            };
        }
        if (provider instanceof PoolBacked) {
            return new DependencyFactory() {
                @Override
                public Object create(Request request) throws Exception {
                    return provider.provide(request);
                }

                @Override
                public String blocksBecause() {
                    return "comes from PgDepends.from, whose calls block";
                }
            };
        }
        return provider::provide;
    }

    /** A factory calling {@code provider}, whose value is a {@code Future} the request waits for. */
    public static DependencyFactory ofAsync(AsyncProvider<?> provider) {
        return new DependencyFactory() {
            @Override
            public Object create(Request request) throws Exception {
                Object future = provider.provide(request);
                if (future == null) {
                    throw new IllegalStateException("the async factory " + provider + " returned null, not a Future");
                }
                return future;
            }

            @Override
            public boolean async() {
                return true;
            }
        };
    }
}
