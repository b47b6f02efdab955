package io.fasterapi.web.internal.errors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An error's {@code input} as a 422 body can hold it: NaN and ±Infinity (a JSON body may hold them,
 * as Python's json module reads them) become {@code null}, as every non-finite number FasterAPI
 * writes does. FastAPI cannot write them at all (Starlette's {@code JSONResponse} refuses NaN and
 * answers 500); pydantic's own {@code ValidationError.json()} writes the bare token {@code NaN},
 * which is no JSON. Anything else is returned as it is, the same instance. Stateless; any thread.
 */
final class NonFiniteInputs {
    private NonFiniteInputs() {
    }

    static Object asNull(Object input) {
        if (input instanceof Double d) {
            return Double.isFinite(d) ? d : null;
        }
        if (input instanceof Float f) {
            return Float.isFinite(f) ? f : null;
        }
        if (input instanceof JsonNode node) {
            return finite(node);
        }
        return input;
    }

    // `node` itself when it holds no non-finite number, else a copy with each one null.
    private static JsonNode finite(JsonNode node) {
        if (node.isFloatingPointNumber() && !node.isBigDecimal()) {
            return Double.isFinite(node.doubleValue()) ? node : NullNode.getInstance();
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = null;
            for (var e : object.properties()) {
                JsonNode value = finite(e.getValue());
                if (value != e.getValue()) {
                    copy = copy == null ? object.deepCopy() : copy;
                    copy.set(e.getKey(), value);
                }
            }
            return copy == null ? node : copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = null;
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = finite(array.get(i));
                if (value != array.get(i)) {
                    copy = copy == null ? array.deepCopy() : copy;
                    copy.set(i, value);
                }
            }
            return copy == null ? node : copy;
        }
        return node;
    }
}
