package io.fasterapi.web.internal.json;

import io.fasterapi.web.internal.errors.ValidationError;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;

/**
 * JSON written with Jackson's streaming generator alone, for the values Jackson databind would write
 * the same way, byte for byte: records of strings, booleans, {@code int}, {@code long}, {@code double}
 * and {@code float} (boxed or not), nested such records and lists, sets and collections of them; and
 * the maps and lists the framework answers with ({@code {"detail": ...}}, 422 errors). An app whose
 * answers are all plain never loads databind (~570 classes): its start loads and verifies fewer
 * classes, and its JDK AOT cache maps fewer. What is not plain is written by databind, as before.
 *
 * <p>A record is plain when it has components, no type parameters, no annotation but the JDK's,
 * JSpecify's and Jakarta Validation's (none of which changes its JSON) on it, its components, their
 * fields and accessors, or the interfaces it implements; no getter-style method besides its accessors
 * (Jackson's bean rules would make it a property), and accessors this class can call. Property
 * names are the app's ({@link JsonMapping#componentNames}); NaN and ±Infinity are written as null
 * ({@link NonFiniteAsNullModule}). Records whose components refer back to the record are not plain.
 */
public final class PlainJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().recyclerPool(new LoopLocalRecyclerPool()).build();
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final int MAX_DEPTH = 32; // dynamic values deeper than this are left to databind

    private PlainJson() {
    }

    /** The writer of values of {@code type} with {@code mapping}'s names, or null when databind must write them. */
    static JsonValueWriter writerFor(Type type, JsonMapping mapping) {
        PlainNodes.Node node = node(type, mapping, new HashSet<>());
        return node == null ? null : new TypedWriter(node);
    }

    /** Whether {@code value} is plain (checked as deep as it goes), so that {@link #write} writes it. */
    static boolean isPlain(Object value, JsonMapping mapping) {
        return isPlain(value, mapping, 0);
    }

    /** Writes {@code value}, which {@link #isPlain} accepted, as JSON into {@code out}. */
    static void write(OutputStream out, Object value, JsonMapping mapping) {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writeDynamic(g, value, mapping);
        }
    }

    /** The record node of {@code type}, or null when it is not a plain record. */
    static PlainNodes.RecordNode recordNode(Class<?> type, JsonMapping mapping) {
        PlainNodes.Node node = record(type, mapping, new HashSet<>());
        return node instanceof PlainNodes.RecordNode r ? r : null;
    }

    // ---- types ----

    private static PlainNodes.Node node(Type type, JsonMapping mapping, Set<Class<?>> inProgress) {
        if (type instanceof Class<?> c) {
            PlainNodes.Node scalar = scalar(c);
            return scalar != null ? scalar : record(c, mapping, inProgress);
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw
                && (raw == List.class || raw == Collection.class || raw == Set.class || raw == ArrayList.class)) {
            PlainNodes.Node element = node(p.getActualTypeArguments()[0], mapping, inProgress);
            return element == null ? null : new PlainNodes.ManyNode(element);
        }
        return null;
    }

    private static PlainNodes.Node scalar(Class<?> c) {
        if (c == String.class) {
            return PlainNodes.StringNode.INSTANCE;
        }
        if (c == Integer.class || c == int.class) {
            return PlainNodes.IntNode.INSTANCE;
        }
        if (c == Long.class || c == long.class) {
            return PlainNodes.LongNode.INSTANCE;
        }
        if (c == Boolean.class || c == boolean.class) {
            return PlainNodes.BooleanNode.INSTANCE;
        }
        if (c == Double.class || c == double.class) {
            return PlainNodes.DoubleNode.INSTANCE;
        }
        if (c == Float.class || c == float.class) {
            return PlainNodes.FloatNode.INSTANCE;
        }
        return null;
    }

    private static PlainNodes.Node record(Class<?> c, JsonMapping mapping, Set<Class<?>> inProgress) {
        if (!c.isRecord() || c.getTypeParameters().length > 0 || !inProgress.add(c)) {
            return null;
        }
        try {
            RecordComponent[] components = c.getRecordComponents();
            if (components.length == 0 || foreign(c) || foreignInterfaces(c) || extraGetter(c, components)) {
                return null;
            }
            String[] names = mapping.componentNames(c);
            SerializedString[] serialized = new SerializedString[names.length];
            PlainNodes.Component[] parts = new PlainNodes.Component[components.length];
            for (int i = 0; i < components.length; i++) {
                RecordComponent rc = components[i];
                Method accessor = rc.getAccessor();
                if (foreign(rc) || foreign(accessor) || foreign(field(c, rc.getName())) || !accessor.trySetAccessible()) {
                    return null;
                }
                parts[i] = component(rc, LOOKUP.unreflect(accessor), mapping, inProgress);
                if (parts[i] == null) {
                    return null;
                }
                serialized[i] = new SerializedString(names[i]);
            }
            return new PlainNodes.RecordNode(serialized, parts);
        } catch (IllegalAccessException | RuntimeException e) {
            return null; // databind writes it, or says why it cannot
        } finally {
            inProgress.remove(c);
        }
    }

    private static PlainNodes.Component component(RecordComponent rc, MethodHandle accessor, JsonMapping mapping,
                                       Set<Class<?>> inProgress) {
        Class<?> t = rc.getType();
        if (t == int.class) {
            return new PlainNodes.IntComponent(accessor.asType(accessor.type().changeParameterType(0, Object.class)));
        }
        if (t == long.class) {
            return new PlainNodes.LongComponent(accessor.asType(accessor.type().changeParameterType(0, Object.class)));
        }
        if (t == boolean.class) {
            return new PlainNodes.BooleanComponent(accessor.asType(accessor.type().changeParameterType(0, Object.class)));
        }
        if (t == double.class) {
            return new PlainNodes.DoubleComponent(accessor.asType(accessor.type().changeParameterType(0, Object.class)));
        }
        if (t == float.class) {
            return new PlainNodes.FloatComponent(accessor.asType(accessor.type().changeParameterType(0, Object.class)));
        }
        if (t.isPrimitive()) {
            return null;
        }
        PlainNodes.Node node = node(rc.getGenericType(), mapping, inProgress);
        return node == null ? null : new PlainNodes.ObjectComponent(
                accessor.asType(accessor.type().changeParameterType(0, Object.class).changeReturnType(Object.class)), node);
    }

    // Jackson reads annotations from the class, its fields, accessors and the interfaces it implements.
    private static boolean foreign(AnnotatedElement e) {
        if (e == null) {
            return false;
        }
        for (Annotation a : e.getDeclaredAnnotations()) {
            String p = a.annotationType().getPackageName();
            if (!p.startsWith("java.lang") && !p.startsWith("jakarta.validation") && !p.startsWith("org.jspecify")) {
                return true;
            }
        }
        return false;
    }

    private static boolean foreignInterfaces(Class<?> c) {
        for (Class<?> i : c.getInterfaces()) {
            if (foreign(i) || foreignInterfaces(i)) {
                return true;
            }
            for (Method m : i.getDeclaredMethods()) {
                if (foreign(m)) {
                    return true;
                }
            }
        }
        return false;
    }

    // A getX()/isX() besides the accessors: Jackson's bean rules could write it as a property too.
    private static boolean extraGetter(Class<?> c, RecordComponent[] components) {
        Set<String> accessors = new HashSet<>();
        for (RecordComponent rc : components) {
            if (getterStyle(rc.getName())) {
                return true;
            }
            accessors.add(rc.getName());
        }
        for (Method m : c.getMethods()) {
            if (!Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0 && m.getReturnType() != void.class
                    && !accessors.contains(m.getName()) && !m.getName().equals("getClass") && getterStyle(m.getName())) {
                return true;
            }
        }
        return false;
    }

    private static boolean getterStyle(String name) {
        return name.length() > 3 && name.startsWith("get") || name.length() > 2 && name.startsWith("is");
    }

    private static java.lang.reflect.Field field(Class<?> c, String name) {
        try {
            return c.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    // ---- values of no declared type: the framework's maps and lists ----

    private static boolean isPlain(Object v, JsonMapping mapping, int depth) {
        if (v == null || v instanceof String) {
            return true;
        }
        Class<?> c = v.getClass();
        if (c == Integer.class || c == Long.class || c == Boolean.class || c == Double.class || c == Float.class) {
            return true;
        }
        if (depth > MAX_DEPTH) {
            return false;
        }
        if (v instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String) || !isPlain(e.getValue(), mapping, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (v instanceof List<?> || v instanceof Set<?>) {
            for (Object e : (Collection<?>) v) {
                if (!isPlain(e, mapping, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (v instanceof ValidationError e) {
            return isPlain(e.loc(), mapping, depth + 1) && isPlain(e.input(), mapping, depth + 1)
                    && isPlain(e.ctx(), mapping, depth + 1);
        }
        return c.isRecord() && mapping.plainRecord(c) != null;
    }

    private static void writeDynamic(JsonGenerator g, Object v, JsonMapping mapping) {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Integer i) {
            g.writeNumber(i.intValue());
        } else if (v instanceof Long l) {
            g.writeNumber(l.longValue());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Double d) {
            PlainNodes.DoubleNode.INSTANCE.write(g, d);
        } else if (v instanceof Float f) {
            PlainNodes.FloatNode.INSTANCE.write(g, f);
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeName((String) e.getKey());
                writeDynamic(g, e.getValue(), mapping);
            }
            g.writeEndObject();
        } else if (v instanceof Collection<?> values) {
            g.writeStartArray();
            for (Object e : values) {
                writeDynamic(g, e, mapping);
            }
            g.writeEndArray();
        } else if (v instanceof ValidationError e) { // as ValidationErrorWriter writes it
            g.writeStartObject();
            g.writeStringProperty("type", e.type());
            g.writeName("loc");
            writeDynamic(g, e.loc(), mapping);
            g.writeStringProperty("msg", e.msg());
            g.writeName("input");
            writeDynamic(g, e.input(), mapping);
            if (e.ctx() != null) {
                g.writeName("ctx");
                writeDynamic(g, e.ctx(), mapping);
            }
            g.writeEndObject();
        } else {
            mapping.plainRecord(v.getClass()).write(g, v);
        }
    }

    // ---- writers ----

    /** Writes values of one plain type. */
    private static final class TypedWriter implements JsonValueWriter {
        private final PlainNodes.Node node;

        TypedWriter(PlainNodes.Node node) {
            this.node = node;
        }

        @Override
        public void write(OutputStream out, Object value) {
            try (JsonGenerator g = FACTORY.createGenerator(out)) {
                node.write(g, value);
            }
        }
    }
}
