package io.fasterapi.web.internal.binding;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Calls a handler or factory method with an argument array through a {@link MethodHandle} bound
 * and adapted once at startup (no reflection per call; {@code void} comes back as null).
 */
@FunctionalInterface
public interface Invoker {
    /** Calls the method with {@code args}; its exceptions propagate unchanged. */
    Object invoke(Object[] args) throws Throwable;

    /** An invoker for {@code method} on {@code target} (ignored for static methods). */
    static Invoker of(Method method, Object target) {
        try {
            method.setAccessible(true);
            MethodHandle mh = MethodHandles.lookup().unreflect(method);
            if (!Modifier.isStatic(method.getModifiers())) {
                mh = mh.bindTo(target);
            }
            MethodHandle spread = mh.asSpreader(Object[].class, method.getParameterCount())
                    .asType(MethodType.methodType(Object.class, Object[].class));
            return args -> (Object) spread.invokeExact(args);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalArgumentException("cannot call " + method + ": " + e.getMessage(), e);
        }
    }
}
