package io.fasterapi.web.internal.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON value of each constant of an enum, as Jackson writes it: {@code @JsonProperty("big")} on
 * the constant, a {@code @JsonValue} method, or else its name. That one value is what a path, query,
 * header or body accepts and what OpenAPI lists, as a Python {@code Enum}'s value is in FastAPI; the
 * {@code enum} error lists the values as pydantic does ({@code "Input should be 'a', 'b' or 'c'"},
 * numbers unquoted). Computed once per enum. Any thread.
 */
public final class EnumValues {
    private record Values(Object[] constants, String[] texts, List<JsonNode> json, String expected) {
    }

    /**
     * Jackson's defaults: a constant's value depends only on its own annotations, never on a naming
     * policy or on the modules of an app's mapper, so the conversions stay below the JSON package.
     */
    private static final JsonMapper CONSTANTS = JsonMapper.builder().build();

    private static final ClassValue<Values> VALUES = new ClassValue<>() {
        @Override
        protected Values computeValue(Class<?> type) {
            Object[] constants = type.getEnumConstants();
            String[] texts = new String[constants.length];
            List<JsonNode> json = new ArrayList<>(constants.length);
            List<String> shown = new ArrayList<>(constants.length);
            for (int i = 0; i < constants.length; i++) {
                JsonNode node = CONSTANTS.valueToTree(constants[i]);
                json.add(node);
                texts[i] = node.isString() ? node.asString() : node.toString();
                shown.add(node.isString() ? "'" + texts[i] + "'" : texts[i]);
            }
            String expected = shown.size() <= 1 ? String.join("", shown)
                    : String.join(", ", shown.subList(0, shown.size() - 1)) + " or " + shown.getLast();
            return new Values(constants, texts, List.copyOf(json), expected);
        }
    };

    private EnumValues() {
    }

    /** The JSON value of each constant of {@code enumType}, in declaration order. */
    public static List<JsonNode> json(Class<?> enumType) {
        return VALUES.get(enumType).json();
    }

    /** A converter from the text of a constant's JSON value to the constant. */
    static StringConverter converter(Class<?> enumType) {
        Values v = VALUES.get(enumType);
        Map<String, Object> ctx = Map.of("expected", v.expected());
        String msg = "Input should be " + v.expected();
        return s -> {
            for (int i = 0; i < v.texts().length; i++) {
                if (v.texts()[i].equals(s)) {
                    return v.constants()[i];
                }
            }
            throw new io.fasterapi.web.internal.errors.InvalidValue("enum", msg, ctx);
        };
    }
}
