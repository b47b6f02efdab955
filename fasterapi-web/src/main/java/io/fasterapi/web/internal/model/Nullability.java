package io.fasterapi.web.internal.model;

import io.fasterapi.web.Omittable;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.RecordComponent;
import java.util.Optional;

/**
 * Which record components may be null or left out of a body, as pydantic's {@code x: T | None = None}:
 * an {@code Optional<T>}, an {@link Omittable}{@code <T>}, or a component annotated with any
 * annotation named {@code Nullable} (jakarta.annotation, JSpecify, JetBrains... on the component or
 * on its type), so that no dependency is needed to say it. Such a component is not required, and
 * OpenAPI documents it as {@code anyOf [T, null]}. Stateless.
 */
public final class Nullability {
    private Nullability() {
    }

    /** Whether {@code c} may be null or missing. */
    public static boolean isNullable(RecordComponent c) {
        Class<?> raw = c.getType();
        return raw == Optional.class || raw == Omittable.class
                || hasNullable(c, (AnnotatedElement) c.getAnnotatedType());
    }

    /** Whether {@code c} is merely annotated nullable (its type is the value's type, not a wrapper). */
    public static boolean isAnnotatedNullable(RecordComponent c) {
        return c.getType() != Optional.class && c.getType() != Omittable.class
                && hasNullable(c, (AnnotatedElement) c.getAnnotatedType());
    }

    /** Whether any of {@code places} carries an annotation named {@code Nullable}. */
    public static boolean hasNullable(AnnotatedElement... places) {
        for (AnnotatedElement e : places) {
            if (e == null) {
                continue;
            }
            for (Annotation a : e.getAnnotations()) {
                if (a.annotationType().getSimpleName().equals("Nullable")) {
                    return true;
                }
            }
        }
        return false;
    }
}
