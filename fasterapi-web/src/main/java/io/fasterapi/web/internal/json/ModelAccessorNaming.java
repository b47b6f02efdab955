package io.fasterapi.web.internal.json;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.AccessorNamingStrategy;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.AnnotatedMethod;
import tools.jackson.databind.introspect.DefaultAccessorNamingStrategy;

/**
 * Which methods are a response model's properties, the way pydantic's model fields are its
 * declared fields and nothing else: a record's components only (not other {@code getX()} methods it
 * happens to have), and an interface's accessors, getter-style ({@code getName()} → {@code name}) or
 * record-style ({@code name()} → {@code name}), so that an interface a record implements is a model
 * of part of it. Classes keep Jackson's bean rules. Used by the response-model mappers only.
 */
final class ModelAccessorNaming extends DefaultAccessorNamingStrategy.Provider {
    private static final Set<String> NOT_ACCESSORS = Set.of("hashCode", "toString", "getClass");

    @Override
    public AccessorNamingStrategy forRecord(MapperConfig<?> config, AnnotatedClass recordClass) {
        Set<String> components = Arrays.stream(recordClass.getRawType().getRecordComponents())
                .map(c -> c.getName()).collect(Collectors.toUnmodifiableSet());
        return new DefaultAccessorNamingStrategy.RecordNaming(config, recordClass) {
            @Override
            public String findNameForRegularGetter(AnnotatedMethod am, String name) {
                return components.contains(name) ? name : null;
            }

            @Override
            public String findNameForIsGetter(AnnotatedMethod am, String name) {
                return null;
            }
        };
    }

    @Override
    public AccessorNamingStrategy forPOJO(MapperConfig<?> config, AnnotatedClass targetClass) {
        AccessorNamingStrategy beanRules = super.forPOJO(config, targetClass);
        Class<?> raw = targetClass.getRawType();
        if (!raw.isInterface() || raw.getName().startsWith("java.")) {
            return beanRules;
        }
        return new AccessorNamingStrategy.Base() {
            @Override
            public String findNameForIsGetter(AnnotatedMethod am, String name) {
                return beanRules.findNameForIsGetter(am, name);
            }

            @Override
            public String findNameForRegularGetter(AnnotatedMethod am, String name) {
                if (NOT_ACCESSORS.contains(name) || am.getParameterCount() != 0) {
                    return null;
                }
                String bean = beanRules.findNameForRegularGetter(am, name);
                return bean != null ? bean : name;
            }
        };
    }
}
