package io.fasterapi.web.internal.binding;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Calls a handler or factory method with an argument array through a {@link MethodHandle} bound and
 * adapted once (no reflection per call; {@code void} comes back as null). The handle is built on first use,
 * or earlier by {@link #prepare} (the start's warm-up prepares every route's): adapting it generates classes,
 * about ten milliseconds of a start per handler shape, which the thread compiling the routes does not wait
 * for. Any thread.
 */
public final class Invoker {
    private final Method method;
    private final Object target;
    private volatile MethodHandle spread; // a racy lazy value: two threads building it build equal handles

    private Invoker(Method method, Object target) {
        this.method = method;
        this.target = target;
    }

    /**
     * An invoker for {@code method} on {@code target} (ignored for static methods); a method it may not call
     * throws {@link IllegalArgumentException} here.
     */
    public static Invoker of(Method method, Object target) {
        try {
            method.setAccessible(true);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot call " + method + ": " + e.getMessage(), e);
        }
        return new Invoker(method, target);
    }

    /** Calls the method with {@code args}; its exceptions propagate unchanged. */
    public Object invoke(Object[] args) throws Throwable {
        MethodHandle h = spread;
        if (h == null) {
            h = prepared();
        }
        return (Object) h.invokeExact(args);
    }

    /** Builds the method handle now rather than on the first call. */
    public void prepare() {
        if (spread == null) {
            prepared();
        }
    }

    private MethodHandle prepared() {
        try {
            MethodHandle mh = MethodHandles.lookup().unreflect(method);
            if (!Modifier.isStatic(method.getModifiers())) {
                mh = mh.bindTo(target);
            }
            MethodHandle h = mh.asSpreader(Object[].class, method.getParameterCount())
                    .asType(MethodType.methodType(Object.class, Object[].class));
            spread = h;
            return h;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + method + ": " + e.getMessage(), e);
        }
    }
}
