package io.fasterapi.web.internal.binding;

import io.fasterapi.web.internal.convert.DeclaredConstraints;
import jakarta.validation.Valid;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.AnnotatedWildcardType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * Whether a handler's parameters, or a body's type, may carry Jakarta constraints, read from the annotations
 * alone, so that the validator (Hibernate Validator: tens of milliseconds to start, more without an AOT cache)
 * is not started by the routes' compilation, which the server's start waits for: it starts for a request, or
 * for the start's warm-up, only where there is something for it to check. Errs on the side of asking the
 * validator: any constraint ({@code @Min}, {@code @Size}...), constraint list ({@code @Size.List}) or
 * {@code @Valid} on a parameter, on its type arguments at any depth ({@code Optional<@Size(min = 3) String>}),
 * or on a parameter of a method of the same name and arity in a supertype (which the validator would
 * inherit); for a type, anywhere on it, its fields, methods or record components, or those of its supertypes;
 * or a {@code META-INF/validation.xml}, which may declare constraints without annotations.
 */
final class ConstraintScan {
    private static final boolean VALIDATION_XML =
            Thread.currentThread().getContextClassLoader() != null
                    && Thread.currentThread().getContextClassLoader().getResource("META-INF/validation.xml") != null
                    || ConstraintScan.class.getClassLoader().getResource("META-INF/validation.xml") != null;

    private ConstraintScan() {
    }

    /**
     * False only when no parameter of {@code method} that {@code scanned} selects (by index) can be
     * constrained: a body's {@code @Valid} is for the body's own validation, not the handler's parameters'.
     */
    static boolean mayConstrain(Method method, IntPredicate scanned) {
        if (VALIDATION_XML) {
            return true;
        }
        return anyInHierarchy(method.getDeclaringClass(), type -> {
            for (Method m : type.getDeclaredMethods()) {
                if (m.getName().equals(method.getName()) && m.getParameterCount() == method.getParameterCount()
                        && anyParameterConstrained(m, scanned)) {
                    return true;
                }
            }
            return false;
        });
    }

    private static boolean anyParameterConstrained(Method m, IntPredicate scanned) {
        Parameter[] parameters = m.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            if (scanned.test(i) && (any(parameters[i].getAnnotations()) || any(parameters[i].getAnnotatedType()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * False only when instances of {@code type} carry no constraint and cascade into nothing: no constraint,
     * constraint list or {@code @Valid} on the type, on its fields, methods (getters) or record components,
     * their types and type arguments, nor on any of its supertypes'.
     */
    static boolean mayBeConstrained(Class<?> type) {
        if (VALIDATION_XML) {
            return true;
        }
        return anyInHierarchy(type, t -> {
            if (any(t.getAnnotations())) {
                return true;
            }
            for (Field f : t.getDeclaredFields()) {
                if (any(f.getAnnotations()) || any(f.getAnnotatedType())) {
                    return true;
                }
            }
            for (Method m : t.getDeclaredMethods()) {
                if (any(m.getAnnotations()) || any(m.getAnnotatedReturnType())) {
                    return true;
                }
            }
            if (t.isRecord()) {
                for (RecordComponent c : t.getRecordComponents()) {
                    if (any(c.getAnnotations()) || any(c.getAnnotatedType())) {
                        return true;
                    }
                }
            }
            return false;
        });
    }

    /** Whether {@code test} holds for {@code type} or any of its superclasses and interfaces, each asked once. */
    private static boolean anyInHierarchy(Class<?> type, Predicate<Class<?>> test) {
        Deque<Class<?>> types = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        types.add(type);
        while (!types.isEmpty()) {
            Class<?> t = types.poll();
            if (t == Object.class || t == Record.class || !seen.add(t)) {
                continue;
            }
            if (test.test(t)) {
                return true;
            }
            if (t.getSuperclass() != null) {
                types.add(t.getSuperclass());
            }
            types.addAll(List.of(t.getInterfaces()));
        }
        return false;
    }

    private static boolean any(AnnotatedType type) {
        if (type == null) {
            return false;
        }
        if (any(type.getAnnotations())) {
            return true;
        }
        if (type instanceof AnnotatedParameterizedType pt) {
            for (AnnotatedType arg : pt.getAnnotatedActualTypeArguments()) {
                if (any(arg)) {
                    return true;
                }
            }
        } else if (type instanceof AnnotatedArrayType at) {
            return any(at.getAnnotatedGenericComponentType());
        } else if (type instanceof AnnotatedWildcardType wt) {
            for (AnnotatedType bound : wt.getAnnotatedUpperBounds()) {
                if (any(bound)) {
                    return true;
                }
            }
            for (AnnotatedType bound : wt.getAnnotatedLowerBounds()) {
                if (any(bound)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean any(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (isConstraintOrCascade(a) || isConstraintList(a)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConstraintOrCascade(Annotation a) {
        return a instanceof Valid || DeclaredConstraints.isConstraint(a.annotationType());
    }

    // A repeated constraint's container (@Size.List): its value() is an array of constraints.
    private static boolean isConstraintList(Annotation a) {
        if (DeclaredConstraints.isFrameworkOwn(a.annotationType())) {
            return false;
        }
        try {
            Method value = a.annotationType().getDeclaredMethod("value");
            if (value.getReturnType().isArray() && value.getReturnType().getComponentType().isAnnotation()) {
                value.setAccessible(true);
                for (Annotation inner : (Annotation[]) value.invoke(a)) {
                    if (isConstraintOrCascade(inner)) {
                        return true;
                    }
                }
            }
            return false;
        } catch (NoSuchMethodException e) {
            return false;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true; // cannot tell: ask the validator
        }
    }
}
