package io.fasterapi.web.internal.dependency;

import io.fasterapi.web.AsyncProvider;
import io.fasterapi.web.Provider;
import io.fasterapi.web.internal.binding.BindingCompiler;
import io.fasterapi.web.internal.binding.BoundParameters;
import io.fasterapi.web.internal.binding.Invoker;
import io.fasterapi.web.internal.errors.CheckedFailure;
import io.fasterapi.web.internal.model.ParameterModel;
import io.fasterapi.web.security.SecurityScheme;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Adapts the forms a user may register a dependency in to {@link DependencyFactory}. */
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
                public Object create(io.fasterapi.web.internal.request.RequestContext request) {
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
                public Object create(io.fasterapi.web.internal.request.RequestContext request) throws Exception {
                    return provider.provide(request);
                }

                @Override
                public String blocksBecause() {
                    return "comes from PgDepends, which takes a connection with PgPool.get() and blocks";
                }
            };
        }
        return provider::provide;
    }

    /** A factory calling {@code provider}, whose value is a {@code Future} the request waits for. */
    public static DependencyFactory ofAsync(AsyncProvider<?> provider) {
        return new DependencyFactory() {
            @Override
            public Object create(io.fasterapi.web.internal.request.RequestContext request) throws Exception {
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

    /**
     * A factory calling the one public method of {@code factory} that returns {@code type}; its
     * parameters are bound by the same rules as a handler's (sub-dependencies, query, headers...).
     * The plan is compiled lazily on first use, when every dependency is registered.
     */
    public static DependencyFactory ofMethod(Class<?> type, Object factory, BindingCompiler compiler) {
        List<Method> candidates = new ArrayList<>();
        for (Method m : factory.getClass().getMethods()) {
            if (m.getDeclaringClass() != Object.class && !Modifier.isStatic(m.getModifiers())
                    && type.isAssignableFrom(m.getReturnType())) {
                candidates.add(m);
            }
        }
        if (candidates.size() != 1) {
            throw new IllegalArgumentException(factory.getClass().getName() + " must have exactly one public method"
                    + " returning " + type.getName() + ", found " + candidates.size());
        }
        Method method = candidates.get(0);
        Invoker invoker = Invoker.of(method, factory);
        return new DependencyFactory() {
            private volatile BoundParameters plan;

            private BoundParameters plan() {
                BoundParameters p = plan;
                if (p == null) {
                    p = compiler.compileFactory(method, factory);
                    plan = p;
                }
                return p;
            }

            @Override
            public List<ParameterModel> parameters() {
                return plan().models();
            }

            @Override
            public Object create(io.fasterapi.web.internal.request.RequestContext request) throws Exception {
                Object[] args = plan().extract(request); // conversions and constraints, as a handler's
                if (args == null) {
                    return null;
                }
                try {
                    return invoker.invoke(args);
                } catch (Exception | Error e) {
                    throw e;
                } catch (Throwable t) {
                    throw new CheckedFailure(new Exception(t));
                }
            }
        };
    }
}
