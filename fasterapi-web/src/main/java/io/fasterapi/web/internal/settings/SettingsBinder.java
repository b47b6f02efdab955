package io.fasterapi.web.internal.settings;

import io.fasterapi.web.DefaultValue;
import io.fasterapi.web.Secret;
import io.fasterapi.web.SettingsException;
import io.fasterapi.web.internal.convert.ScalarConverters;
import io.fasterapi.web.internal.convert.StringConverter;
import io.fasterapi.web.internal.binding.Validators;
import io.fasterapi.web.internal.errors.ConstraintErrors;
import io.fasterapi.web.internal.errors.InvalidValue;
import io.fasterapi.web.internal.json.JsonCodec;
import jakarta.validation.ConstraintViolation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Binds a settings record from a map of variables (keys normalised by {@link #key}), collecting
 * every problem before it throws. Runs once, at startup: reflection is fine here.
 */
public final class SettingsBinder {
    private final Map<String, String> variables;
    private final String prefix;
    private final String delimiter;
    private final List<SettingsException.Problem> problems = new ArrayList<>();

    public SettingsBinder(Map<String, String> variables, String prefix, String delimiter) {
        this.variables = variables;
        this.prefix = prefix;
        this.delimiter = delimiter;
    }

    /** How a variable name is compared: case-insensitively, as pydantic-settings does by default. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The bound record; throws {@link SettingsException} naming every bad variable. */
    public <T extends Record> T bind(Class<T> type) {
        T settings = record(type, prefix);
        if (!problems.isEmpty()) {
            throw new SettingsException(type.getSimpleName(), problems);
        }
        return settings;
    }

    private <T extends Record> T record(Class<T> type, String namePrefix) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        Constructor<T> constructor;
        try {
            constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
        } catch (NoSuchMethodException | RuntimeException e) {
            throw new IllegalArgumentException(type.getName() + " cannot be built from its components: " + e, e);
        }
        int before = problems.size();
        Object[] args = new Object[components.length];
        String[] names = new String[components.length];
        for (int i = 0; i < components.length; i++) {
            names[i] = namePrefix + envName(components[i].getName());
            DefaultValue def = constructor.getParameters()[i].getAnnotation(DefaultValue.class);
            args[i] = component(components[i].getGenericType(), names[i], def == null ? null : def.value());
        }
        if (problems.size() > before) {
            return null;
        }
        T instance;
        try {
            instance = constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            problems.add(new SettingsException.Problem(namePrefix.isEmpty() ? type.getSimpleName() : namePrefix,
                    "rejected by " + type.getSimpleName() + ": " + e.getCause().getMessage()));
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(type.getName() + " cannot be built: " + e, e);
        }
        checkConstraints(instance, components, names);
        return instance;
    }

    private void checkConstraints(Record instance, RecordComponent[] components, String[] names) {
        for (ConstraintViolation<Record> v : Validators.validator().validate(instance)) {
            var nodes = v.getPropertyPath().iterator();
            String property = nodes.hasNext() ? nodes.next().getName() : null;
            if (nodes.hasNext()) {
                continue; // a nested record's own violation (@Valid): reported when that record is bound
            }
            for (int i = 0; i < components.length; i++) {
                if (components[i].getName().equals(property)) {
                    String msg = ConstraintErrors.toError(v, List.of(property), v.getInvalidValue()).msg();
                    problems.add(new SettingsException.Problem(names[i], msg));
                }
            }
        }
    }

    private Object component(Type type, String name, String defaultText) {
        Class<?> raw = raw(type);
        if (raw.isRecord() && raw != Secret.class) {
            @SuppressWarnings("unchecked")
            Class<? extends Record> nested = (Class<? extends Record>) raw;
            return record(nested, name + delimiter);
        }
        String text = variables.get(key(name));
        if (raw == Optional.class) {
            if (text == null && defaultText == null) {
                return Optional.empty();
            }
            return Optional.ofNullable(convert(argument(type), name, text != null ? text : defaultText));
        }
        if (text == null) {
            text = defaultText;
        }
        if (text == null) {
            problems.add(new SettingsException.Problem(name, "Field required"));
            return null;
        }
        return convert(type, name, text);
    }

    private Object convert(Type type, String name, String text) {
        Class<?> raw = raw(type);
        if (List.class == raw || Set.class == raw || Collection.class == raw) {
            Collection<Object> values = raw == Set.class ? new LinkedHashSet<>() : new ArrayList<>();
            for (String item : items(text)) {
                Object v = convert(argument(type), name, item);
                if (v == null) {
                    return null;
                }
                values.add(v);
            }
            return raw == Set.class ? Set.copyOf(values) : List.copyOf(values);
        }
        try {
            return scalar(raw, text);
        } catch (InvalidValue e) {
            problems.add(new SettingsException.Problem(name, e.getMessage()));
            return null;
        }
    }

    private static Object scalar(Class<?> raw, String text) throws InvalidValue {
        if (raw == Secret.class) {
            return Secret.of(text);
        }
        if (raw == Path.class) {
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw new InvalidValue("path_type", "Input is not a valid path");
            }
        }
        if (raw == URI.class) {
            try {
                return new URI(text);
            } catch (URISyntaxException e) {
                throw new InvalidValue("url_parsing", "Input should be a valid URL");
            }
        }
        StringConverter converter = ScalarConverters.forType(raw);
        if (converter == null) {
            throw new IllegalArgumentException("settings cannot hold a " + raw.getName()
                    + ": use a simple type, Secret, Path, URI, Optional, List, Set or a nested record");
        }
        return converter.convert(text);
    }

    /** A JSON array's items, as pydantic-settings reads a list, else the comma-separated items. */
    private static List<String> items(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return List.of();
        }
        if (t.startsWith("[")) {
            try {
                JsonNode array = JsonCodec.mapper().readTree(t);
                if (array.isArray()) {
                    List<String> items = new ArrayList<>();
                    array.forEach(n -> items.add(n.isString() ? n.stringValue() : n.toString()));
                    return items;
                }
            } catch (RuntimeException notJson) {
                // not a JSON array: read as a comma-separated list
            }
        }
        List<String> items = new ArrayList<>();
        for (String item : t.split(",")) {
            items.add(item.strip());
        }
        return items;
    }

    /** {@code databaseUrl} as {@code DATABASE_URL}. */
    static String envName(String component) {
        StringBuilder b = new StringBuilder(component.length() + 4);
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && (Character.isLowerCase(component.charAt(i - 1))
                    || Character.isDigit(component.charAt(i - 1))
                    || (i + 1 < component.length() && Character.isLowerCase(component.charAt(i + 1))))) {
                b.append('_');
            }
            b.append(Character.toUpperCase(c));
        }
        return b.toString();
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalArgumentException("settings cannot hold a " + type);
    }

    private static Type argument(Type type) {
        if (type instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[0];
        }
        throw new IllegalArgumentException(type + " needs a type argument in settings");
    }
}
