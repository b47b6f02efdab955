package io.fasterapi.web.internal.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fasterapi.web.JsonNaming;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.PropertyNamingStrategy;
import tools.jackson.databind.json.JsonMapper;

/**
 * An app's JSON: the framework's mapper ({@link JsonCodec}) with the app's {@link JsonNaming}, and
 * what is resolved from it once: the writer per response class, the mappers of response models, and
 * the JSON name of a Java property, which OpenAPI and the 422 checker ask for
 * so that they name a property as the mapper does (an explicit {@code @JsonProperty} wins over the
 * policy, as Jackson's renaming leaves explicit names alone). One per policy, shared by the apps that
 * use it. Thread-safe.
 */
public final class JsonMapping {
    private static final Map<JsonNaming, JsonMapping> BY_NAMING = new EnumMap<>(JsonNaming.class);
    private static final ReentrantLock LOCK = new ReentrantLock();

    /** Java's names as declared, the framework's own mapper: the default. */
    public static final JsonMapping DECLARED = new JsonMapping(JsonNaming.AS_DECLARED, null);

    private final JsonNaming naming;
    private final Policy policy; // null: names as declared
    private volatile JsonMapper mapper; // built when first asked for (JsonCodec's for DECLARED), under mapperLock
    // Not modelLock: a model writer's build may take long (a user's serializer), and asking for the mapper must not wait for it.
    private final ReentrantLock mapperLock = new ReentrantLock();
    private final ReentrantLock modelLock = new ReentrantLock();
    private ModelWriters models; // built with the first response model, under modelLock

    // A writer per response class, resolved once, not per response: plain types need no databind.
    private final ClassValue<JsonValueWriter> writers = new ClassValue<>() {
        @Override
        protected JsonValueWriter computeValue(Class<?> type) {
            JsonValueWriter plain = PlainJson.writerFor(type, JsonMapping.this);
            if (plain != null) {
                return plain;
            }
            if (Map.class.isAssignableFrom(type) || List.class.isAssignableFrom(type) || Set.class.isAssignableFrom(type)) {
                return new DynamicValueWriter(type, JsonMapping.this);
            }
            return new JacksonValueWriter(mapper().writerFor(type));
        }
    };

    // A plain record's writer with these names (PlainJson), or NOT_PLAIN.
    private final ClassValue<Object> plainRecords = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> type) {
            PlainNodes.RecordNode node = PlainJson.recordNode(type, JsonMapping.this);
            return node == null ? NOT_PLAIN : node;
        }
    };
    private static final Object NOT_PLAIN = new Object();

    // A record's components' JSON names, in component order, read once per class.
    private final ClassValue<String[]> componentNames = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            String[] names = new String[components.length];
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                names[i] = propertyName(c.getName(), declaredField(type, c.getName()), c.getAccessor(), c);
            }
            return names;
        }
    };

    private JsonMapping(JsonNaming naming, Policy policy) {
        this.naming = naming;
        this.policy = policy;
    }

    /** The mapping of {@code naming}, built on first use. Any thread. */
    public static JsonMapping of(JsonNaming naming) {
        if (naming == JsonNaming.AS_DECLARED) {
            return DECLARED;
        }
        LOCK.lock();
        try {
            return BY_NAMING.computeIfAbsent(naming, n -> new JsonMapping(n, new Policy(n)));
        } finally {
            LOCK.unlock();
        }
    }

    /** A policy's Jackson strategy, in a class of its own: databind is loaded only by an app that renames. */
    private static final class Policy {
        private final PropertyNamingStrategies.NamingBase strategy;

        Policy(JsonNaming naming) {
            PropertyNamingStrategy s = switch (naming) {
                case AS_DECLARED -> null;
                case SNAKE_CASE -> PropertyNamingStrategies.SNAKE_CASE;
                case KEBAB_CASE -> PropertyNamingStrategies.KEBAB_CASE;
                case PASCAL_CASE -> PropertyNamingStrategies.UPPER_CAMEL_CASE;
            };
            this.strategy = (PropertyNamingStrategies.NamingBase) s;
        }

        JsonMapper mapper() {
            return JsonCodec.configure(JsonCodec.builder()).propertyNamingStrategy(strategy).build();
        }

        String rename(String javaName) {
            return strategy.nameForField(null, null, javaName);
        }
    }

    /** The naming policy. */
    public JsonNaming naming() {
        return naming;
    }

    /** The mapper: reads bodies into values and writes values as JSON, with the app's names. */
    public JsonMapper mapper() {
        JsonMapper m = mapper;
        if (m == null) {
            mapperLock.lock(); // one mapper per mapping: building one takes tens of milliseconds
            try {
                m = mapper;
                if (m == null) {
                    m = policy == null ? JsonCodec.mapper() : policy.mapper();
                    mapper = m;
                }
            } finally {
                mapperLock.unlock();
            }
        }
        return m;
    }

    /** The writer for values of exactly {@code type} (a response value's runtime class). Any thread. */
    public JsonValueWriter writerFor(Class<?> type) {
        return writers.get(type);
    }

    /** {@code type}'s writer when it is a plain record ({@link PlainJson}), else null. Any thread. */
    PlainNodes.RecordNode plainRecord(Class<?> type) {
        Object node = plainRecords.get(type);
        return node == NOT_PLAIN ? null : (PlainNodes.RecordNode) node;
    }

    /**
     * The writer of a route's response model (see {@link ModelWriters}): values of {@code model}, for
     * a handler whose values are declared as {@code declared}, resolved on first use. Startup only.
     */
    public ModelWriter modelWriter(Type model, Type declared, boolean excludeNone, boolean excludeUnset) {
        return new ModelWriter(model, declared, excludeNone || excludeUnset ? null : this, () -> {
            modelLock.lock();
            try {
                if (models == null) {
                    models = new ModelWriters(mapper());
                }
                return models.writerFor(model, declared, excludeNone, excludeUnset);
            } finally {
                modelLock.unlock();
            }
        });
    }

    /** The JSON names of {@code record}'s components, in their order. Do not modify. Any thread. */
    public String[] componentNames(Class<?> record) {
        return componentNames.get(record);
    }

    /**
     * The JSON name of the Java property {@code javaName}: the first non-empty {@code @JsonProperty}
     * on {@code places} (its field, accessor, component), else {@code javaName} after the policy.
     */
    public String propertyName(String javaName, AnnotatedElement... places) {
        for (AnnotatedElement e : places) {
            JsonProperty p = e == null ? null : e.getAnnotation(JsonProperty.class);
            if (p != null && !p.value().isEmpty()) {
                return p.value();
            }
        }
        return policy == null ? javaName : policy.rename(javaName);
    }

    /**
     * The JSON name of property {@code javaName} of {@code owner} (a record component, a field, or a
     * bean getter's property), for a constraint violation's path. Any thread.
     */
    public String propertyName(Class<?> owner, String javaName) {
        if (owner == null) {
            return propertyName(javaName);
        }
        if (owner.isRecord()) {
            RecordComponent[] components = owner.getRecordComponents();
            for (int i = 0; i < components.length; i++) {
                if (components[i].getName().equals(javaName)) {
                    return componentNames(owner)[i];
                }
            }
        }
        Field field = null;
        for (Class<?> c = owner; c != null && c != Object.class && field == null; c = c.getSuperclass()) {
            field = declaredField(c, javaName);
        }
        return propertyName(javaName, field, getter(owner, javaName));
    }

    private static java.lang.reflect.Method getter(Class<?> owner, String property) {
        if (property.isEmpty()) {
            return null;
        }
        String suffix = Character.toUpperCase(property.charAt(0)) + property.substring(1);
        for (String prefix : new String[] {"get", "is"}) {
            try {
                return owner.getMethod(prefix + suffix);
            } catch (NoSuchMethodException e) {
                // try the next prefix
            }
        }
        return null;
    }

    private static Field declaredField(Class<?> owner, String name) {
        try {
            return owner.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }
}
