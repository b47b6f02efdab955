package io.fasterapi.web.internal.openapi;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Substitutes type variables so that a generic record's components have concrete types: in
 * {@code record Page<T>(List<T> items)}, seen as {@code Page<Item>}, {@code items} is a
 * {@code List<Item>}. Wildcards become their upper bound, unbound variables {@code Object}.
 */
final class ResolvedTypes {
    private ResolvedTypes() {
    }

    /** The variables of {@code type}'s raw class bound to its arguments (empty for a plain class). */
    static Map<TypeVariable<?>, Type> bindings(Type type) {
        Map<TypeVariable<?>, Type> map = new HashMap<>();
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            TypeVariable<?>[] vars = raw.getTypeParameters();
            Type[] args = p.getActualTypeArguments();
            for (int i = 0; i < vars.length && i < args.length; i++) {
                map.put(vars[i], args[i]);
            }
        }
        return map;
    }

    /** {@code type} with every variable in {@code bindings} replaced. */
    static Type resolve(Type type, Map<TypeVariable<?>, Type> bindings) {
        return switch (type) {
            case Class<?> c -> c;
            case TypeVariable<?> v -> bindings.getOrDefault(v, Object.class);
            case WildcardType w -> resolve(w.getUpperBounds().length == 0 ? Object.class : w.getUpperBounds()[0],
                    bindings);
            case ParameterizedType p -> {
                Type[] args = p.getActualTypeArguments();
                Type[] resolved = new Type[args.length];
                for (int i = 0; i < args.length; i++) {
                    resolved[i] = resolve(args[i], bindings);
                }
                yield new Parameterized((Class<?>) p.getRawType(), resolved);
            }
            case GenericArrayType g -> {
                Type component = resolve(g.getGenericComponentType(), bindings);
                yield component instanceof Class<?> c ? c.arrayType() : Object[].class;
            }
            default -> Object.class;
        };
    }

    /** A parameterized type built here; equal to another when raw class and arguments are. */
    record Parameterized(Class<?> raw, Type[] arguments) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return arguments.clone();
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }

        @Override
        public String getTypeName() {
            return raw.getTypeName() + Arrays.stream(arguments).map(Type::getTypeName)
                    .collect(Collectors.joining(",", "<", ">"));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Parameterized p && p.raw == raw && Arrays.equals(p.arguments, arguments);
        }

        @Override
        public int hashCode() {
            return raw.hashCode() * 31 + Arrays.hashCode(arguments);
        }
    }
}
