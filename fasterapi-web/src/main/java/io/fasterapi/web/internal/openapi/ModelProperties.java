package io.fasterapi.web.internal.openapi;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.fasterapi.web.Omittable;
import io.fasterapi.web.internal.convert.DeclaredConstraints;
import io.fasterapi.web.internal.json.JsonMapping;
import io.fasterapi.web.internal.model.Nullability;
import jakarta.validation.constraints.NotNull;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The JSON properties of a record, interface or POJO as the framework's Jackson mapper reads and
 * writes them: record components in declaration order (required unless {@code Optional},
 * {@code Omittable} or {@code @Nullable}, as the 422 checker treats them), an interface's accessors
 * (as a response model writes them), or a POJO's public fields and getters (required only with
 * {@code @NotNull}).
 * Names are the app's ({@link JsonMapping}: its naming policy, unless {@code @JsonProperty} renames);
 * {@code @JsonIgnore} hides, as in Jackson. Runs at startup only.
 */
final class ModelProperties {
    /**
     * One property: its JSON name, declared type, whether it must be present, its constraints and
     * those on its element type ({@code List<@NotBlank String>}, {@code Optional<@Size(max = 3) String>}),
     * and whether it is annotated {@code @Nullable} (its schema then also allows null).
     */
    record Property(String name, Type type, boolean required, List<Annotation> constraints,
                    List<Annotation> elementConstraints, boolean nullable) {
    }

    private ModelProperties() {
    }

    /** The properties of {@code raw}, a record, an interface or a POJO. */
    static List<Property> of(Class<?> raw, JsonMapping json) {
        if (raw.isInterface()) {
            return ofInterface(raw, json);
        }
        return raw.isRecord() ? ofRecord(raw, json) : ofPojo(raw, json);
    }

    private static List<Property> ofRecord(Class<?> raw, JsonMapping json) {
        List<Property> result = new ArrayList<>();
        for (RecordComponent c : raw.getRecordComponents()) {
            Field field = declaredField(raw, c.getName());
            Method accessor = c.getAccessor();
            if (ignored(field) || ignored(accessor)) {
                continue;
            }
            List<Annotation> constraints = constraints(field, accessor);
            result.add(new Property(json.propertyName(c.getName(), field, accessor), c.getGenericType(),
                    !Nullability.isNullable(c), constraints, elementConstraints(c.getAnnotatedType()),
                    Nullability.isAnnotatedNullable(c)));
        }
        return result;
    }

    private static List<Property> ofPojo(Class<?> raw, JsonMapping json) {
        Map<String, Property> byName = new LinkedHashMap<>();
        for (Class<?> c = raw; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic() || ignored(f)) {
                    continue;
                }
                Method getter = getter(raw, f.getName());
                if (!Modifier.isPublic(f.getModifiers()) && getter == null) {
                    continue;
                }
                if (getter != null && ignored(getter)) {
                    continue;
                }
                String name = json.propertyName(f.getName(), f, getter);
                List<Annotation> constraints = constraints(f, getter);
                byName.putIfAbsent(name, new Property(name, getter != null ? getter.getGenericReturnType()
                        : f.getGenericType(), hasNotNull(constraints), constraints,
                        elementConstraints(f.getAnnotatedType()), false));
            }
        }
        return List.copyOf(byName.values());
    }

    /**
     * An interface's accessors, as the response-model writer sees them: its (and its
     * super-interfaces') no-argument methods, {@code getName()}/{@code isActive()} named as beans,
     * {@code name()} as records, sorted by name; required unless {@code Optional}, {@code Omittable} or
     * {@code @Nullable}.
     */
    private static List<Property> ofInterface(Class<?> raw, JsonMapping json) {
        Map<String, Property> byName = new TreeMap<>(); // reflection has no declaration order: by name, as written
        addAccessors(raw, byName, json);
        return List.copyOf(byName.values());
    }

    private static void addAccessors(Class<?> type, Map<String, Property> byName, JsonMapping json) {
        for (Method m : type.getDeclaredMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || !Modifier.isPublic(m.getModifiers()) || m.isSynthetic()
                    || m.getParameterCount() != 0 || m.getReturnType() == void.class || ignored(m)
                    || m.getName().equals("hashCode") || m.getName().equals("toString")) {
                continue;
            }
            String name = json.propertyName(accessorName(m), m);
            Class<?> r = m.getReturnType();
            boolean nullable = Nullability.hasNullable(m, m.getAnnotatedReturnType());
            boolean wrapper = r == Optional.class || r == Omittable.class;
            byName.putIfAbsent(name, new Property(name, m.getGenericReturnType(), !wrapper && !nullable,
                    constraints(m), elementConstraints(m.getAnnotatedReturnType()), nullable && !wrapper));
        }
        for (Class<?> parent : type.getInterfaces()) {
            addAccessors(parent, byName, json);
        }
    }

    private static String accessorName(Method m) {
        String n = m.getName();
        boolean bool = m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class;
        int prefix = n.startsWith("get") && n.length() > 3 ? 3 : bool && n.startsWith("is") && n.length() > 2 ? 2 : 0;
        if (prefix == 0 || !Character.isUpperCase(n.charAt(prefix))) {
            return n;
        }
        return Character.toLowerCase(n.charAt(prefix)) + n.substring(prefix + 1);
    }

    private static Method getter(Class<?> raw, String property) {
        String suffix = Character.toUpperCase(property.charAt(0)) + property.substring(1);
        for (String prefix : new String[] {"get", "is"}) {
            try {
                Method m = raw.getMethod(prefix + suffix);
                if (m.getReturnType() != void.class && !Modifier.isStatic(m.getModifiers())) {
                    return m;
                }
            } catch (NoSuchMethodException e) {
                // try the next prefix
            }
        }
        return null;
    }

    private static Field declaredField(Class<?> raw, String name) {
        try {
            return raw.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static boolean ignored(AnnotatedElement e) {
        JsonIgnore ignore = e == null ? null : e.getAnnotation(JsonIgnore.class);
        return ignore != null && ignore.value();
    }

    private static List<Annotation> constraints(AnnotatedElement... places) {
        List<Annotation> found = new ArrayList<>();
        for (AnnotatedElement e : places) {
            if (e == null) {
                continue;
            }
            for (Annotation a : e.getAnnotations()) {
                if (DeclaredConstraints.isConstraint(a.annotationType())) {
                    found.add(a);
                }
            }
        }
        return List.copyOf(found);
    }

    /** The constraints on the first type argument (or array component) of {@code type}. */
    static List<Annotation> elementConstraints(AnnotatedType type) {
        AnnotatedType element = null;
        if (type instanceof AnnotatedParameterizedType p && p.getAnnotatedActualTypeArguments().length > 0) {
            element = p.getAnnotatedActualTypeArguments()[0];
        } else if (type instanceof AnnotatedArrayType a) {
            element = a.getAnnotatedGenericComponentType();
        }
        return element == null ? List.of() : constraints(element);
    }

    private static boolean hasNotNull(List<Annotation> constraints) {
        return constraints.stream().anyMatch(a -> a instanceof NotNull);
    }
}
