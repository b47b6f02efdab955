package io.fasterapi.web.internal.binding;

import io.fasterapi.web.Request;
import io.fasterapi.web.internal.dependency.DependencyFactory;
import io.fasterapi.web.internal.errors.CheckedFailure;
import io.fasterapi.web.internal.model.ParameterModel;
import io.fasterapi.web.internal.request.RequestContext;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * A dependency factory that is the one public method of an object returning the dependency's type
 * ({@code App.provideFrom}, FastAPI's {@code Depends(get_thing)}): its parameters are bound by the
 * same rules as a handler's (sub-dependencies, query, headers...). The plan is compiled lazily on
 * first use, once every dependency is registered. Shared by every request; any thread.
 */
public final class FactoryMethod implements DependencyFactory {
    private final Method method;
    private final Object target;
    private final Invoker invoker;
    private final BindingCompiler compiler;
    private volatile BoundParameters plan; // a racy lazy value: two compilations give equal plans

    private FactoryMethod(Method method, Object target, BindingCompiler compiler) {
        this.method = method;
        this.target = target;
        this.invoker = Invoker.of(method, target);
        this.compiler = compiler;
    }

    /**
     * The factory calling the one public method of {@code target} that returns {@code type}; throws
     * {@link IllegalArgumentException} when there is none or more than one.
     */
    public static FactoryMethod of(Class<?> type, Object target, BindingCompiler compiler) {
        List<Method> candidates = new ArrayList<>();
        for (Method m : target.getClass().getMethods()) {
            if (m.getDeclaringClass() != Object.class && !Modifier.isStatic(m.getModifiers())
                    && type.isAssignableFrom(m.getReturnType())) {
                candidates.add(m);
            }
        }
        if (candidates.size() != 1) {
            throw new IllegalArgumentException(target.getClass().getName() + " must have exactly one public method"
                    + " returning " + type.getName() + ", found " + candidates.size());
        }
        return new FactoryMethod(candidates.get(0), target, compiler);
    }

    private BoundParameters plan() {
        BoundParameters p = plan;
        if (p == null) {
            p = compiler.compileFactory(method, target);
            plan = p;
        }
        return p;
    }

    @Override
    public List<ParameterModel> parameters() {
        return plan().models();
    }

    @Override
    public Object create(Request request) throws Exception {
        Object[] args = plan().extract((RequestContext) request); // conversions and constraints, as a handler's
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
}
