package io.fasterapi.web.internal.openapi;

import io.fasterapi.web.internal.json.JsonBodyChecker;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Locale;

/**
 * The human and machine names FastAPI derives from code: titles ({@code itemId} → {@code "Item Id"},
 * {@code item_id} → {@code "Item Id"}), summaries from handler names, operation ids
 * ({@code getItem_items__itemId__get}, FastAPI's {@code generate_unique_id}) and component names
 * ({@code Page<Item>} → {@code Page_Item_}). Pure functions.
 */
final class Names {
    private Names() {
    }

    /** {@code "itemId"} and {@code "item_id"} as {@code "Item Id"}. */
    static String title(String name) {
        StringBuilder b = new StringBuilder(name.length() + 4);
        boolean startWord = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_' || c == '-' || c == ' ') {
                startWord = true;
                continue;
            }
            boolean boundary = Character.isUpperCase(c) && i > 0 && Character.isLowerCase(name.charAt(i - 1));
            if ((startWord || boundary) && !b.isEmpty()) {
                b.append(' ');
            }
            b.append(startWord || boundary ? Character.toUpperCase(c) : c);
            startWord = false;
        }
        return b.toString();
    }

    /**
     * The summary of a lambda route, which has no name to derive one from: its method and path as
     * words, {@code GET /db/version} → {@code "Get Db Version"}.
     */
    static String lambdaSummary(String method, String path) {
        return title(method.toLowerCase(Locale.ROOT) + " " + path.replaceAll("[^A-Za-z0-9]+", " ").trim());
    }

    /**
     * FastAPI's operation id: the handler's name, the path with every non-word character as
     * {@code _}, and the method: {@code getItem_items__itemId__get}.
     */
    static String operationId(String handlerName, String path, String method) {
        return (handlerName + path).replaceAll("\\W", "_") + "_" + method.toLowerCase(Locale.ROOT);
    }

    /** The component name of {@code type}: its simple name, with type arguments as pydantic writes them. */
    static String componentName(Type type) {
        Class<?> raw = JsonBodyChecker.rawClass(type);
        if (!(type instanceof ParameterizedType p)) {
            return raw.getSimpleName();
        }
        StringBuilder b = new StringBuilder(raw.getSimpleName()).append('_');
        for (Type arg : p.getActualTypeArguments()) {
            b.append(componentName(arg)).append('_');
        }
        return b.toString();
    }
}
