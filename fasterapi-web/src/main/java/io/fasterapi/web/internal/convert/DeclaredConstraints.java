package io.fasterapi.web.internal.convert;

import jakarta.validation.Constraint;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * The Jakarta constraints declared on a parameter, field or record component, both on the element
 * ({@code @Size(min = 3) Optional<String> q}) and on the type argument of an {@code Optional}
 * ({@code Optional<@Size(min = 3) String> q}): either way they constrain the value inside.
 */
public final class DeclaredConstraints {
    private static final String FRAMEWORK_PACKAGE = "io.fasterapi.";

    private DeclaredConstraints() {
    }

    /** The constraint annotations of {@code where} (none when null), element first, then type argument. */
    public static List<Annotation> of(AnnotatedElement where) {
        if (where == null) {
            return List.of();
        }
        AnnotatedElement element = where;
        AnnotatedType type = null;
        if (where instanceof RecordComponent rc) {
            try {
                Field f = rc.getDeclaringRecord().getDeclaredField(rc.getName());
                element = f;
                type = f.getAnnotatedType();
            } catch (NoSuchFieldException e) {
                type = rc.getAnnotatedType();
            }
        } else if (where instanceof Parameter p) {
            type = p.getAnnotatedType();
        } else if (where instanceof Field f) {
            type = f.getAnnotatedType();
        }
        List<Annotation> out = new ArrayList<>();
        addConstraints(element.getAnnotations(), out);
        if (type instanceof AnnotatedParameterizedType pt && pt.getType() instanceof java.lang.reflect.ParameterizedType raw
                && raw.getRawType() == java.util.Optional.class) {
            addConstraints(pt.getAnnotatedActualTypeArguments()[0].getAnnotations(), out);
        }
        return out;
    }

    /** Only the constraints on {@code Optional}'s type argument of {@code where}'s type. */
    public static List<Annotation> onOptionalArgument(AnnotatedType type) {
        List<Annotation> out = new ArrayList<>();
        if (type instanceof AnnotatedParameterizedType pt && pt.getType() instanceof java.lang.reflect.ParameterizedType raw
                && raw.getRawType() == java.util.Optional.class) {
            addConstraints(pt.getAnnotatedActualTypeArguments()[0].getAnnotations(), out);
        }
        return out;
    }

    /**
     * Whether {@code type} is a Jakarta constraint ({@code @Constraint} on it). The framework's own
     * annotations ({@code @Query}, {@code @DefaultValue}, ...) are not, and are answered without reading their
     * meta-annotations: that read builds a proxy class for each of {@code @Target}, {@code @Documented}, ...
     * at startup.
     */
    public static boolean isConstraint(Class<? extends Annotation> type) {
        return !isFrameworkOwn(type) && type.isAnnotationPresent(Constraint.class);
    }

    /** Whether {@code type} is one of the framework's own annotations, none of which is or holds a constraint. */
    public static boolean isFrameworkOwn(Class<? extends Annotation> type) {
        return type.getPackageName().startsWith(FRAMEWORK_PACKAGE);
    }

    private static void addConstraints(Annotation[] annotations, List<Annotation> out) {
        for (Annotation a : annotations) {
            if (isConstraint(a.annotationType())) {
                out.add(a);
            }
        }
    }
}
