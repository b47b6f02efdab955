package io.fasterapi.web.internal.json;

import io.fasterapi.web.internal.convert.EnumValues;
import io.fasterapi.web.Omittable;
import io.fasterapi.web.internal.convert.FiniteDigits;
import io.fasterapi.web.internal.convert.ScalarConverters;
import io.fasterapi.web.internal.convert.StringConverter;
import io.fasterapi.web.internal.errors.InvalidValue;
import io.fasterapi.web.internal.errors.ValidationError;
import io.fasterapi.web.internal.model.Nullability;
import io.fasterapi.web.internal.convert.IntegralBounds;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Checks a parsed JSON body against a Java type before Jackson maps it, and reports every mismatch
 * the way pydantic does ({@code missing}, {@code int_type}, {@code string_type}, {@code list_type}...),
 * each at its {@code loc}. Jackson stops at the first problem; FastAPI reports them all.
 *
 * <p>A component is looked up, and located, by its JSON name in the app's {@link JsonMapping} (its
 * naming policy, or its {@code @JsonProperty}), as pydantic locates a field by its alias.
 * Record components are required unless {@code Optional}, {@code Omittable} or {@code @Nullable}
 * (which also accept null); POJOs and other types are left to
 * Jackson. A check is compiled per type lazily and is immutable, so any thread may use it.
 */
public final class JsonBodyChecker {
    /**
     * What the complete check adds to the type check on the failing path: the Jakarta constraints of
     * a record component whose value has the right type, and the validation of a class Jackson maps.
     */
    public interface ConstraintCheck {
        /** Adds the constraint errors of {@code component} of {@code owner}, whose JSON is {@code child}. */
        void component(Class<?> owner, RecordComponent component, JsonNode child, List<Object> loc,
                       List<ValidationError> errors);

        /** Maps {@code node} to {@code type} (not a record) and adds its mapping or constraint errors. */
        void bean(Type type, JsonNode node, List<Object> loc, List<ValidationError> errors);
    }

    // A record's components, read once per class instead of one array copy per request.
    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };

    private JsonBodyChecker() {
    }

    /**
     * Reads, on the starting thread, what checking {@code type} will read: the components of every
     * record it reaches and their JSON names in {@code json} (a {@code ClassValue} computed by racing
     * virtual threads would pin them).
     */
    public static void prepare(Type type, JsonMapping json) {
        prepare(type, json, new java.util.HashSet<>());
        PythonJsonSyntax.firstError("{\"a\" 1}"); // loads the malformed-JSON path's classes now
    }

    private static void prepare(Type type, JsonMapping json, java.util.Set<Type> seen) {
        if (!seen.add(type)) {
            return;
        }
        Class<?> raw = rawClass(type);
        if (raw.isRecord()) {
            json.componentNames(raw);
            for (RecordComponent c : COMPONENTS.get(raw)) {
                prepare(c.getGenericType(), json, seen);
            }
        } else if (type instanceof ParameterizedType p) {
            for (Type argument : p.getActualTypeArguments()) {
                prepare(argument, json, seen);
            }
        } else if (raw.isArray()) {
            prepare(raw.getComponentType(), json, seen);
        } else if (raw.isEnum()) {
            ScalarConverters.forType(raw); // an enum's JSON values (a ClassValue) computed now
        }
    }

    /**
     * Adds the type errors of {@code node} against {@code type} at {@code loc} to {@code errors}, its
     * properties named as {@code json} names them.
     */
    public static void check(JsonNode node, Type type, List<Object> loc, List<ValidationError> errors,
                             JsonMapping json) {
        check(node, type, loc, errors, null, null, json);
    }

    /**
     * Adds every error of {@code node} against {@code type}, pydantic's way: type errors and the
     * constraint errors of the values that have their type, over all fields, in field order; nested
     * records are checked as pydantic checks nested models ({@code @Valid} or not). For the failing
     * path only: it converts and validates field by field.
     */
    public static void checkAll(JsonNode node, Type type, List<Object> loc, List<ValidationError> errors,
                                ConstraintCheck constraints, JsonMapping json) {
        check(node, type, loc, errors, constraints, null, json);
    }

    // `where` is the record component or parameter: its constraints tighten an out-of-range integer's
    // bound, read only then.
    private static void check(JsonNode node, Type type, List<Object> loc, List<ValidationError> errors,
                              ConstraintCheck constraints, AnnotatedElement where, JsonMapping json) {
        Class<?> raw = rawClass(type);
        if (raw == Optional.class || raw == Omittable.class) {
            if (node != null && !node.isNull()) {
                check(node, typeArgument(type, 0), loc, errors, constraints, where, json);
            }
            return;
        }
        if (node == null || node.isNull()) {
            errors.add(nullError(raw, loc, node));
            return;
        }
        if (raw.isRecord()) {
            if (!node.isObject()) {
                errors.add(new ValidationError("model_attributes_type", loc,
                        "Input should be a valid dictionary or object to extract fields from", node, null));
                return;
            }
            RecordComponent[] components = COMPONENTS.get(raw);
            String[] names = json.componentNames(raw);
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                JsonNode child = node.get(names[i]);
                List<Object> childLoc = append(loc, names[i]);
                if (child == null || child.isMissingNode()) {
                    if (!Nullability.isNullable(c)) {
                        errors.add(ValidationError.missing(childLoc, node));
                    }
                    continue;
                }
                if (child.isNull() && Nullability.isAnnotatedNullable(c)) {
                    continue;
                }
                int before = errors.size();
                check(child, c.getGenericType(), childLoc, errors, constraints, c, json);
                if (constraints != null && errors.size() == before && !child.isNull()) {
                    constraints.component(raw, c, child, childLoc, errors);
                }
            }
            return;
        }
        if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            if (!node.isArray()) {
                errors.add(new ValidationError("list_type", loc, "Input should be a valid list", node, null));
                return;
            }
            Type element = raw.isArray() ? raw.getComponentType() : typeArgument(type, 0);
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), element, append(loc, i), errors, constraints, null, json);
            }
            return;
        }
        if (Map.class.isAssignableFrom(raw)) {
            if (!node.isObject()) {
                errors.add(new ValidationError("dict_type", loc, "Input should be a valid dictionary", node, null));
                return;
            }
            Type value = typeArgument(type, 1);
            for (var e : node.properties()) {
                check(e.getValue(), value, append(loc, e.getKey()), errors, constraints, null, json);
            }
            return;
        }
        if (constraints != null && !ScalarConverters.isScalar(raw) && raw != Object.class
                && !raw.getName().startsWith("java.") && !raw.getName().startsWith("tools.jackson.")) {
            constraints.bean(type, node, loc, errors);
            return;
        }
        checkScalar(node, raw, loc, errors, where);
    }

    private static void checkScalar(JsonNode node, Class<?> raw, List<Object> loc, List<ValidationError> errors,
                                    AnnotatedElement where) {
        if (raw == String.class || raw == CharSequence.class) {
            if (!node.isString()) {
                errors.add(new ValidationError("string_type", loc, "Input should be a valid string", node, null));
            } else if (node.asString().indexOf(0) >= 0) {
                errors.add(new ValidationError(ScalarConverters.NUL_TYPE, loc, ScalarConverters.NUL_MSG, node, null));
            }
        } else if (isIntegral(raw)) {
            if (node.isNumber()) {
                checkIntegralNumber(node, raw, loc, errors, where);
                return;
            }
            if (node.isString()) {
                convertText(node, IntegralBounds.tightened(ScalarConverters.forType(raw), raw, where), loc, errors);
                return;
            }
            errors.add(new ValidationError("int_type", loc, "Input should be a valid integer", node, null));
        } else if (isFloating(raw)) {
            if (node.isNumber()) {
                if (FiniteDigits.refuses(node.doubleValue(), raw, where)) {
                    errors.add(FiniteDigits.notFinite().at(loc, node));
                }
                return;
            }
            if (node.isString()) {
                try {
                    Number value = (Number) ScalarConverters.forType(raw).convert(node.asString());
                    if (FiniteDigits.refuses(value.doubleValue(), raw, where)) {
                        errors.add(FiniteDigits.notFinite().at(loc, node));
                    }
                } catch (InvalidValue e) {
                    errors.add(e.at(loc, node));
                }
                return;
            }
            errors.add(new ValidationError("float_type", loc, "Input should be a valid number", node, null));
        } else if (raw == boolean.class || raw == Boolean.class) {
            if (node.isBoolean()) {
                return;
            }
            if (node.isString() || (node.isIntegralNumber() && (node.asLong() == 0 || node.asLong() == 1))) {
                if (node.isString()) {
                    convertText(node, ScalarConverters.forType(raw), loc, errors);
                }
                return;
            }
            errors.add(new ValidationError("bool_type", loc, "Input should be a valid boolean", node, null));
        } else if (raw == BigDecimal.class) {
            if (!node.isNumber() && !node.isString()) {
                errors.add(new ValidationError("decimal_type", loc, "Decimal input should be an integer, float,"
                        + " string or Decimal object", node, null));
            } else if (node.isString()) {
                convertText(node, ScalarConverters.forType(raw), loc, errors);
            }
        } else if (ScalarConverters.isScalar(raw)) {
            if (raw.isEnum()) {
                // the constant's JSON value (EnumValues), a string or a number, by its text
                convertText(node.isString() || node.isNumber() ? node : null, ScalarConverters.forType(raw), loc,
                        errors, node);
            } else if (node.isNumber() && ScalarConverters.readsNumbers(raw)) {
                try {
                    ScalarConverters.fromNumber(raw, node.numberValue());
                } catch (InvalidValue e) {
                    errors.add(e.at(loc, node));
                }
            } else if (!node.isString()) {
                errors.add(notText(raw, loc, node));
            } else {
                convertText(node, ScalarConverters.forType(raw), loc, errors);
            }
        }
    }

    // A number for an integral type: finite, whole, and within the Java type's range. pydantic's ints
    // are unbounded; a Java int is an int with ge/le bounds, so a number beyond them answers as pydantic
    // would for those bounds (or for the declared ones, when tighter), never Jackson's overflow later.
    private static void checkIntegralNumber(JsonNode node, Class<?> raw, List<Object> loc,
                                            List<ValidationError> errors, AnnotatedElement where) {
        if (node.isFloatingPointNumber() && !node.isBigDecimal() && !Double.isFinite(node.doubleValue())) {
            errors.add(new ValidationError("finite_number", loc, "Input should be a finite number", node, null));
            return;
        }
        if (!node.isIntegralNumber() && node.decimalValue().stripTrailingZeros().scale() > 0) {
            errors.add(new ValidationError("int_from_float", loc,
                    "Input should be a valid integer, got a number with a fractional part", node, null));
            return;
        }
        if (raw == BigInteger.class || fits(node, raw)) {
            return;
        }
        BigInteger value = node.bigIntegerValue();
        InvalidValue outOfRange = IntegralBounds.check(value, raw, where);
        if (outOfRange != null) {
            errors.add(outOfRange.at(loc, node));
        }
    }

    private static boolean fits(JsonNode node, Class<?> raw) {
        if (raw == long.class || raw == Long.class) {
            return node.canConvertToLong();
        }
        if (!node.canConvertToInt()) {
            return false;
        }
        int v = node.asInt();
        if (raw == short.class || raw == Short.class) {
            return v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
        }
        if (raw == byte.class || raw == Byte.class) {
            return v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
        }
        return true;
    }

    private static void convertText(JsonNode node, StringConverter converter, List<Object> loc,
                                    List<ValidationError> errors) {
        convertText(node, converter, loc, errors, node);
    }

    private static void convertText(JsonNode node, StringConverter converter, List<Object> loc,
                                    List<ValidationError> errors, JsonNode input) {
        try {
            converter.convert(node == null ? "\u0000" : node.asString());
        } catch (InvalidValue e) {
            errors.add(e.at(loc, input));
        }
    }

    // pydantic's type error for a JSON value that is not a string where text was expected.
    private static ValidationError notText(Class<?> raw, List<Object> loc, JsonNode node) {
        if (raw == java.time.LocalDate.class) {
            return new ValidationError("date_type", loc, "Input should be a valid date", node, null);
        }
        if (raw == java.time.LocalTime.class) {
            return new ValidationError("time_type", loc, "Input should be a valid time", node, null);
        }
        if (raw == java.time.LocalDateTime.class || raw == java.time.OffsetDateTime.class
                || raw == java.time.ZonedDateTime.class || raw == java.time.Instant.class) {
            return new ValidationError("datetime_type", loc, "Input should be a valid datetime", node, null);
        }
        if (raw == java.util.UUID.class) {
            return new ValidationError("uuid_type", loc, "UUID input should be a string, bytes or UUID object", node,
                    null);
        }
        return new ValidationError("string_type", loc, "Input should be a valid string", node, null);
    }

    private static ValidationError nullError(Class<?> raw, List<Object> loc, JsonNode node) {
        Object input = null;
        if (raw == String.class) {
            return new ValidationError("string_type", loc, "Input should be a valid string", input, null);
        }
        if (isIntegral(raw)) {
            return new ValidationError("int_type", loc, "Input should be a valid integer", input, null);
        }
        if (isFloating(raw)) {
            return new ValidationError("float_type", loc, "Input should be a valid number", input, null);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return new ValidationError("bool_type", loc, "Input should be a valid boolean", input, null);
        }
        if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            return new ValidationError("list_type", loc, "Input should be a valid list", input, null);
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(raw) || raw == java.util.UUID.class) {
            return notText(raw, loc, null);
        }
        if (loc.size() == 1 && node == null) {
            return ValidationError.missing(loc, null);
        }
        return new ValidationError("model_attributes_type", loc,
                "Input should be a valid dictionary or object to extract fields from", input, null);
    }

    private static boolean isIntegral(Class<?> c) {
        return c == int.class || c == Integer.class || c == long.class || c == Long.class || c == short.class
                || c == Short.class || c == byte.class || c == Byte.class || c == BigInteger.class;
    }

    private static boolean isFloating(Class<?> c) {
        return c == double.class || c == Double.class || c == float.class || c == Float.class;
    }

    private static List<Object> append(List<Object> loc, Object element) {
        List<Object> l = new ArrayList<>(loc.size() + 1);
        l.addAll(loc);
        l.add(element);
        return l;
    }

    /** The raw class of a (possibly parameterized) type. */
    public static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    /** Type argument {@code i} of a parameterized type, or {@code Object}. */
    public static Type typeArgument(Type type, int i) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > i) {
            return p.getActualTypeArguments()[i];
        }
        return Object.class;
    }
}
